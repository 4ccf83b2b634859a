package org.lianxin.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What an auditor looks for in the trail; every filter is optional (null: any).
 *
 * @param from        entries at or after this instant
 * @param to          entries before this instant
 * @param username    entries of this user (exact)
 * @param action      entries of this action code ({@link AuditAction#code()})
 * @param outcome     entries of this outcome
 * @param objectType  entries about this kind of object
 * @param objectId    entries about this object (with or without {@code objectType})
 * @param officeIds   the jurisdiction: only entries of users of these offices (never null; empty: none)
 * @param unattributed whether entries of no office (failed logins, anonymous refusals) are seen too (the top office's
 *                    auditor)
 * @param page        the page, from 0, newest entries first
 * @param size        entries a page, 1 to {@value #MAX_SIZE}
 */
public record AuditQuery(Instant from, Instant to, String username, String action, AuditOutcome outcome,
                         String objectType, String objectId, Set<Long> officeIds, boolean unattributed, int page,
                         int size) {
    /** The most entries a page. */
    public static final int MAX_SIZE = 500;

    public AuditQuery {
        Objects.requireNonNull(officeIds, "officeIds");
        officeIds = Set.copyOf(officeIds);
        if (page < 0) throw new IllegalArgumentException("page < 0");
        if (size < 1 || size > MAX_SIZE) throw new IllegalArgumentException("size not in 1.." + MAX_SIZE);
        if (from != null && to != null && to.isBefore(from)) throw new IllegalArgumentException("to before from");
    }

    /** The same filters, another page of another size. */
    public AuditQuery page(int page, int size) {
        return new AuditQuery(from, to, username, action, outcome, objectType, objectId, officeIds, unattributed, page,
                size);
    }
}
