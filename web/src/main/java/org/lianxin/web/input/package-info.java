/**
 * The input rules every request obeys, in one place (shared by all features): ids are ASCII digits
 * ({@link StrictNumbers}), dates and instants lie between 1900 and 2200 ({@link DateWindow}), text carries no
 * control characters but a tab, and a newline only in a {@link MultiLine} field ({@link TextInput}); a request body
 * declares a concrete media type ({@link ConcreteContentType}). Wired for JSON bodies, query strings and paths by
 * {@link InputConfiguration}; a value refused is an {@link InputRefused}, which the problem mapping names.
 */
package org.lianxin.web.input;
