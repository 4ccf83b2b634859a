package org.lianxin.supervision;

/** Why an item exists; the prefix of its number. */
public enum ItemKind {
    /** 交办: from a leader's instruction at a reception. */
    ASSIGNMENT("JB"),
    /** 督办单: sent by a supervising office. */
    ORDER("DB"),
    /** Automatic: overdue, or a problem raised twice. */
    ESCALATION("DB"),
    /** 复查. */
    REVIEW("FC"),
    /** 复核. */
    RE_REVIEW("FH");

    private final String prefix;

    ItemKind(String prefix) {
        this.prefix = prefix;
    }

    /** The number's prefix, e.g. {@code JB} in {@code JB-2026-000017}. */
    public String prefix() {
        return prefix;
    }
}
