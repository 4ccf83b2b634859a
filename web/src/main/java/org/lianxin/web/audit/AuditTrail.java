package org.lianxin.web.audit;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.lianxin.audit.Audit;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditEntry;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.audit.AuditRecord;
import org.lianxin.web.security.LianxinUser;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The audit port as the web app uses it: who (the logged-in user: name, role, office), from where (client address)
 * and which request are taken from the request being served; the caller says what, on which object, and how it
 * ended. Never put personal data (ID numbers, phone numbers, petitioners' words) in {@code details}.
 */
@Component
public class AuditTrail {
    private final Audit audit;

    public AuditTrail(Audit audit) {
        this.audit = audit;
    }

    public AuditRecord record(AuditAction action, String objectType, String objectId, AuditOutcome outcome,
                              HttpServletRequest request, Map<String, String> details) {
        return audit.record(entry(currentUser(), action, objectType, objectId, outcome, request, details));
    }

    /**
     * As {@link #record}, for an actor that is not a logged-in user (the petition information system's signed
     * requests: {@code integration:<key id>}), with its role (or null) and the office it acts for.
     */
    public AuditRecord recordAs(String username, String role, Long officeId, AuditAction action, String objectType,
                                String objectId, AuditOutcome outcome, HttpServletRequest request,
                                Map<String, String> details) {
        return audit.record(entry(new Who(username, role, officeId), action, objectType, objectId, outcome, request,
                details));
    }

    /** An entry for {@code user} (or the anonymous one) about {@code request}. */
    static AuditEntry entry(Who user, AuditAction action, String objectType, String objectId, AuditOutcome outcome,
                            HttpServletRequest request, Map<String, String> details) {
        return new AuditEntry(user.username(), user.role(), user.officeId(), action, objectType, objectId, outcome,
                request == null ? null : request.getRemoteAddr(), RequestIds.of(request), details);
    }

    /** Who is logged in on this thread. */
    static Who currentUser() {
        return who(SecurityContextHolder.getContext().getAuthentication());
    }

    static Who who(Authentication auth) {
        if (auth == null || auth instanceof AnonymousAuthenticationToken) {
            return Who.ANONYMOUS;
        }
        if (auth.getPrincipal() instanceof LianxinUser u) {
            return new Who(u.getUsername(), u.role().name(), u.officeId());
        }
        return new Who(auth.getName(), null, null);
    }

    /** A user as the trail names them. */
    record Who(String username, String role, Long officeId) {
        static final Who ANONYMOUS = new Who("anonymous", null, null);
    }
}
