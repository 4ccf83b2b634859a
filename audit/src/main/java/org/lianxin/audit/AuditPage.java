package org.lianxin.audit;

import java.util.List;

/**
 * One page of the trail's entries, newest first.
 *
 * @param total how many entries match in all
 */
public record AuditPage(List<AuditRecord> entries, int page, int size, long total) {
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
