package org.lianxin.web.audit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request whose feature wrote its own entry, with what only it knows (an unmasking's field and reason), whatever the
 * outcome: {@link RequestAudit} then writes none for it, so that each request is one entry.
 */
public final class AuditedHere {
    private static final String ATTRIBUTE = AuditedHere.class.getName();

    private AuditedHere() {
    }

    public static void mark(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    static boolean marked(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }
}
