package org.lianxin.web.audit;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.web.security.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Audits, in one place for every feature, what the API changes and what it refuses: runs inside the security filter
 * chain (after it authenticated the user) around the rest of the request, and once the answer's status is known
 * writes one entry — the change named by {@link AuditedRequests} (bookings, supervision, users) with ALLOWED (2xx,
 * 3xx), DENIED (401, 403) or FAILED (any other error); any other request answered 403 as {@code access.denied}.
 * Refusals inside the security chain itself (a missing CSRF token) are audited by its access-denied handler.
 */
public final class RequestAudit extends OncePerRequestFilter implements Refusals {
    private static final Logger log = LoggerFactory.getLogger(RequestAudit.class);

    private final AuditTrail trail;

    public RequestAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            audit(request, failed ? 500 : response.getStatus(), response.getHeader("Location"));
        }
    }

    private void audit(HttpServletRequest request, int status, String location) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (AuditedHere.marked(request)) {
            return; // the feature wrote this request's entry itself
        }
        AuditedRequests.Change change = AuditedRequests.change(request.getMethod(), path);
        try {
            if (change != null && AuditedRequests.auditedByTheFeature(change, status)) {
                return; // the feature wrote the entry in its transaction, with from and to
            } else if (change != null) {
                String objectId = change.objectId();
                if (objectId == null && status < 300) {
                    objectId = AuditedRequests.createdId(location);
                }
                trail.record(change.action(), change.objectType(), objectId, outcome(status), request,
                        Map.of("op", change.op(), "status", Integer.toString(status)));
            } else if (status == 403) {
                trail.record(AuditAction.ACCESS_DENIED, "request", request.getMethod() + " " + path,
                        AuditOutcome.DENIED, request, Map.of("status", "403"));
            }
        } catch (RuntimeException e) {
            // the answer is already sent; what could not be audited is logged loudly (and the trail's writer is down)
            log.error("audit entry for {} {} ({}) not written: {}", request.getMethod(), path, status, e.toString());
        }
    }

    @Override
    public void refused(HttpServletRequest request, String reason) {
        try {
            trail.record(AuditAction.ACCESS_DENIED, "request", request.getMethod() + " " + request.getRequestURI(),
                    AuditOutcome.DENIED, request, Map.of("status", "403", "reason", reason));
        } catch (RuntimeException e) {
            log.error("audit entry of a refusal of {} not written: {}", request.getRequestURI(), e.toString());
        }
    }

    static AuditOutcome outcome(int status) {
        if (status < 400) {
            return AuditOutcome.ALLOWED;
        }
        return status == 401 || status == 403 ? AuditOutcome.DENIED : AuditOutcome.FAILED;
    }
}
