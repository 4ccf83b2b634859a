package org.lianxin.supervision;

import java.util.List;

/** One page of items, overdue first, then by deadline; {@code total} counts every match. */
public record ItemPage(long total, List<Item> items) {
    public ItemPage {
        items = List.copyOf(items);
    }
}
