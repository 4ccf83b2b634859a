/**
 * Concentrated problems (一题一专项, the Guangyuan practice): petition matters (case files) grouped by category and
 * place; when one category × place crosses a threshold within a sliding window (by default 5 matters in 30 days),
 * the group becomes a topic that is followed as one item — OPEN, then FOLLOWED by a supervisor with a lead unit and
 * a note, then CLOSED with a conclusion — and keeps collecting further matters while it is not closed.
 *
 * <p>The place of a matter is the petition office its case lies under: the case's office itself when that is a
 * county, city or the province; for a case of a DEPARTMENT office, the nearest county, city or province above the
 * department (a county's department counts for the county, a city's department for the city).
 *
 * <p>{@link org.lianxin.topics.TopicRule} and {@link org.lianxin.topics.TopicWorkflow} are pure; {@link
 * org.lianxin.topics.Topics} carries their decisions out on the database.
 */
package org.lianxin.topics;
