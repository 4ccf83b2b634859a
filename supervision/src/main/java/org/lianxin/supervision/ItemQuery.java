package org.lianxin.supervision;

/**
 * A filter over the items a user may read; nulls match everything.
 *
 * @param state   a state, or {@code OVERDUE}
 * @param text    matched against number, title and case number
 * @param overdue true: only overdue items
 */
public record ItemQuery(String state, ItemKind kind, Long unitId, Long caseId, String text, Boolean overdue,
                        int limit, int offset) {
    public static final int MAX_LIMIT = 200;

    public ItemQuery {
        limit = limit <= 0 ? 50 : Math.min(limit, MAX_LIMIT);
        offset = Math.max(0, offset);
    }

    public static ItemQuery all() {
        return new ItemQuery(null, null, null, null, null, null, 50, 0);
    }
}
