package org.lianxin.web.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.lianxin.web.problem.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a logged-in session at its very next request once its account was changed under it — a role change, a
 * disabling, a password change — on every app instance: each such change bumps {@code app_user.security_stamp} in
 * its own transaction, the session's user carries the stamp it logged in with, and this filter compares the two on
 * every authenticated request (one read by primary key, no cache: several instances share the database, and the read
 * is the cheapest statement the request makes). A mismatch invalidates the session, is published as
 * {@link SessionEnded} (audited), and answers 401 {@code session-ended} to the API or redirects a page to
 * {@code /login?ended}. HTTP Basic loads the account on every request, so it sees a change at once anyway.
 */
public final class SessionStamps extends OncePerRequestFilter {
    /** The page a browser session is sent to when ended. */
    static final String ENDED_PAGE = "/login?ended";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public SessionStamps(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The account as it stands now. */
    record Current(long stamp, boolean enabled, String role) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof LianxinUser user) {
            String reason = staleReason(user, current(user.id()));
            if (reason != null) {
                end(request, response, user, reason);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<Current> current(long userId) {
        return jdbc.sql("select security_stamp, enabled, role from app_user where id = ?").param(userId)
                .query((rs, n) -> new Current(rs.getLong(1), rs.getBoolean(2), rs.getString(3))).optional();
    }

    /** Why a session of {@code user} may not go on with the account as it is {@code now}, or null if it may. */
    static String staleReason(LianxinUser user, Optional<Current> now) {
        if (now.isEmpty()) return "account-removed";
        Current c = now.get();
        if (!c.enabled()) return "account-disabled";
        if (c.stamp() == user.securityStamp()) return null;
        return c.role().equals(user.role().name()) ? "account-changed" : "role-changed";
    }

    private void end(HttpServletRequest request, HttpServletResponse response, LianxinUser user, String reason)
            throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) session.invalidate();
        SecurityContextHolder.clearContext();
        events.publishEvent(new SessionEnded(user, reason, request));
        if (SecurityConfiguration.isApi(request)) {
            Problems.write(response, HttpStatus.UNAUTHORIZED, "session-ended",
                    "this session has ended: the account was changed or disabled (" + reason + "); log in again",
                    request.getRequestURI());
        } else {
            response.sendRedirect(request.getContextPath() + ENDED_PAGE);
        }
    }
}
