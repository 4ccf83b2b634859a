package org.lianxin.web.audit;

import java.util.Map;

import org.lianxin.audit.Audit;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditEntry;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.web.security.LianxinUser;
import org.lianxin.web.security.SessionEnded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Logins (the login form), failed logins (form and HTTP Basic: the name tried, never the password; the reason as
 * Spring Security's exception type) and logouts, from Spring Security's events. A request with HTTP Basic
 * credentials is not a login of its own: what it does is audited. Sessions the server ends because their account
 * changed ({@link SessionEnded}) are audited here too.
 */
@Component
class LoginAudit {
    private static final Logger log = LoggerFactory.getLogger(LoginAudit.class);

    private final Audit audit;

    LoginAudit(Audit audit) {
        this.audit = audit;
    }

    @EventListener
    void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        write(event.getAuthentication(), AuditAction.LOGIN, AuditOutcome.ALLOWED, Map.of());
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        write(event.getAuthentication(), AuditAction.LOGIN_FAILED, AuditOutcome.DENIED,
                Map.of("reason", event.getException().getClass().getSimpleName()));
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        write(event.getAuthentication(), AuditAction.LOGOUT, AuditOutcome.ALLOWED, Map.of());
    }

    /** A session the server ended because its account changed under it: the user as they were logged in. */
    @EventListener
    void ended(SessionEnded event) {
        LianxinUser u = event.user();
        try {
            audit.record(AuditTrail.entry(new AuditTrail.Who(u.getUsername(), u.role().name(), u.officeId()),
                    AuditAction.SESSION_ENDED, "user", Long.toString(u.id()), AuditOutcome.DENIED, event.request(),
                    Map.of("reason", event.reason(), "path", event.request().getRequestURI())));
        } catch (RuntimeException e) {
            log.error("audit entry {} not written: {}", AuditAction.SESSION_ENDED.code(), e.toString());
        }
    }

    private void write(Authentication auth, AuditAction action, AuditOutcome outcome, Map<String, String> details) {
        AuditTrail.Who who = AuditTrail.who(auth);
        if (who == AuditTrail.Who.ANONYMOUS && auth != null && auth.getName() != null) {
            who = new AuditTrail.Who(auth.getName(), null, null);
        }
        String address = auth != null && auth.getDetails() instanceof WebAuthenticationDetails d
                ? d.getRemoteAddress() : null;
        try {
            audit.record(new AuditEntry(who.username(), who.role(), who.officeId(), action, null, null, outcome,
                    address, MDC.get(RequestIds.MDC_KEY), details));
        } catch (RuntimeException e) {
            log.error("audit entry {} not written: {}", action.code(), e.toString());
        }
    }
}
