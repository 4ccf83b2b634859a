package org.lianxin.web.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text field typed in a multi-line box (a reason, a reply, a note): it may hold line breaks ({@code \n}, or
 * {@code \r\n}); every other text field is one line. Put on the request record's component.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface MultiLine {
}
