package org.lianxin.web.auditor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.audit.AuditPage;
import org.lianxin.audit.AuditQuery;
import org.lianxin.audit.AuditSearch;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.web.audit.AuditTrail;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor's view of the trail: only an AUDITOR (not the system or security administrator), only entries of users
 * of its office's subtree (the top office's auditor also those of no office: failed logins, anonymous refusals),
 * newest first; personal data masked. Every search and every export is itself written to the trail with its filters.
 */
@Tag(name = "Audit")
@RestController
@RequestMapping("/api/v1/audit")
class AuditEntriesController {
    /** The problem's rule when anyone but an auditor asks for the trail. */
    static final String AUDITOR_ONLY = "audit-trail-auditor-only";
    /** The most entries one export holds; a narrower time window gets the rest. */
    static final int MAX_EXPORT = 100_000;
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final AuditSearch search;
    private final Offices offices;
    private final AuditTrail trail;

    AuditEntriesController(AuditSearch search, Offices offices, AuditTrail trail) {
        this.search = search;
        this.offices = offices;
        this.trail = trail;
    }

    /** A page of entries and how many match in all. */
    record EntriesPage(List<AuditEntryView> entries, int page, int size, long total) {
    }

    @Operation(summary = "Search the audit trail of the caller's subtree (auditor only; the search is audited)")
    @GetMapping("/entries")
    EntriesPage entries(Actor actor, HttpServletRequest request,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                        @RequestParam(required = false) String user, @RequestParam(required = false) String action,
                        @RequestParam(required = false) String outcome,
                        @RequestParam(required = false) String objectType,
                        @RequestParam(required = false) String objectId,
                        @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        AuditQuery q = query(actor, from, to, user, action, outcome, objectType, objectId, page, size);
        AuditPage found = search.search(q);
        Map<String, String> details = filters(q);
        details.put("page", Integer.toString(page));
        details.put("total", Long.toString(found.total()));
        trail.record(AuditAction.AUDIT_SEARCH, "audit-trail", null, AuditOutcome.ALLOWED, request, details);
        return new EntriesPage(found.entries().stream().map(AuditEntryView::of).toList(), found.page(), found.size(),
                found.total());
    }

    @Operation(summary = "Export the matching audit entries as CSV, personal data masked (auditor only; audited)")
    @GetMapping(value = "/entries.csv", produces = "text/csv")
    ResponseEntity<byte[]> export(Actor actor, HttpServletRequest request,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                  Instant from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                  Instant to,
                                  @RequestParam(required = false) String user,
                                  @RequestParam(required = false) String action,
                                  @RequestParam(required = false) String outcome,
                                  @RequestParam(required = false) String objectType,
                                  @RequestParam(required = false) String objectId,
                                  @RequestParam(required = false) String lang) {
        AuditQuery q = query(actor, from, to, user, action, outcome, objectType, objectId, 0, AuditQuery.MAX_SIZE);
        List<AuditEntryView> all = new ArrayList<>();
        for (int p = 0; ; p++) {
            AuditPage page = search.search(q.page(p, AuditQuery.MAX_SIZE));
            if (page.total() > MAX_EXPORT) {
                throw new RuleViolation("audit-export-too-large", page.total() + " entries match; an export holds at"
                        + " most " + MAX_EXPORT + ": choose a shorter time window", Map.of("total", page.total(),
                        "max", MAX_EXPORT));
            }
            page.entries().stream().map(AuditEntryView::of).forEach(all::add);
            if (page.entries().size() < AuditQuery.MAX_SIZE) break;
        }
        Map<String, String> details = filters(q);
        details.put("count", Integer.toString(all.size()));
        trail.record(AuditAction.AUDIT_EXPORT, "audit-trail", null, AuditOutcome.ALLOWED, request, details);
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("audit-trail.csv").build().toString())
                .body(AuditCsv.of(all, "en".equals(lang)));
    }

    private AuditQuery query(Actor actor, Instant from, Instant to, String user, String action, String outcome,
                             String objectType, String objectId, int page, int size) {
        if (actor.role() != Role.AUDITOR) {
            throw new OutOfJurisdiction("audit-trail-auditor-only", "only an auditor (安全审计员) reads the audit trail");
        }
        if (page < 0 || size < 1 || size > AuditQuery.MAX_SIZE) {
            throw new RuleViolation("audit-page", "page from 0, size 1 to " + AuditQuery.MAX_SIZE);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new RuleViolation("audit-window", "to lies before from");
        }
        action = blank(action);
        if (action != null && AuditAction.ofCode(action) == null) {
            throw new RuleViolation("audit-action-unknown", "action: one of the codes such as auth.login, user.role");
        }
        Office mine = offices.get(actor.officeId());
        Set<Long> subtree = offices.subtree(mine.id()).stream().map(Office::id).collect(Collectors.toSet());
        return new AuditQuery(from, to, blank(user), action, outcome(outcome), blank(objectType), blank(objectId),
                subtree, mine.parentId() == null, page, size);
    }

    private static AuditOutcome outcome(String outcome) {
        if (blank(outcome) == null) return null;
        for (AuditOutcome o : AuditOutcome.values()) {
            if (o.name().equalsIgnoreCase(outcome)) return o;
        }
        throw new RuleViolation("audit-outcome-unknown", "outcome: ALLOWED, DENIED or FAILED");
    }

    /** A filter's text, or null if none; at most 200 characters (no stored field is longer). */
    private static String blank(String s) {
        if (s == null || s.isBlank()) return null;
        String t = s.strip();
        if (t.length() > 200) throw new RuleViolation("audit-filter-too-long", "a filter has at most 200 characters");
        return t;
    }

    /** The filters an auditor used, for the trail's own entry (masked: an ID number searched for stays hidden). */
    private static Map<String, String> filters(AuditQuery q) {
        Map<String, String> d = new LinkedHashMap<>();
        if (q.from() != null) d.put("from", q.from().toString());
        if (q.to() != null) d.put("to", q.to().toString());
        if (q.username() != null) d.put("user", q.username());
        if (q.action() != null) d.put("action", q.action());
        if (q.outcome() != null) d.put("outcome", q.outcome().name());
        if (q.objectType() != null) d.put("objectType", q.objectType());
        if (q.objectId() != null) d.put("objectId", PersonalDataMask.mask(q.objectId()));
        return d;
    }
}
