package org.lianxin.topics;

import java.time.LocalDate;

/**
 * Which topics to list, newest first.
 *
 * @param officeId the subtree (null: the actor's office); must lie in the actor's subtree
 * @param state    null: every state
 * @param category null: every category; else exactly this one
 * @param from     topics opened on or after this day (in the office's zone), null: no bound
 * @param to       topics opened on or before this day (in the office's zone), null: no bound
 * @param limit    1 to 200
 * @param offset   0 or more
 */
public record TopicQuery(Long officeId, TopicState state, String category, LocalDate from, LocalDate to, int limit,
                         int offset) {
}
