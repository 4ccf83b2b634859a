package org.lianxin.statistics;

/** How a figure table is broken down; every table also has its total row. */
public enum GroupBy {
    /** One row per direct child office (with its subtree), plus the office's own level (本级). */
    OFFICE_CHILDREN,
    /** One row per calendar month of the range, in the office's zone. */
    MONTH,
    /** One row per category of the matter (case category). */
    CATEGORY
}
