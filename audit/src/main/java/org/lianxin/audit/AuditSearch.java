package org.lianxin.audit;

/** Reading the trail, for the auditor: a search by filters and jurisdiction, a page at a time. */
public interface AuditSearch {
    AuditPage search(AuditQuery query);
}
