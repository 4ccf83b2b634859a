package org.lianxin.web.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Told of every request the security filter chain itself refuses with 403 (a missing or wrong CSRF token), which
 * never reaches the application's filters; the audit trail implements it ({@code audit.RequestAudit}).
 */
public interface Refusals {

    /** {@code request} was refused for {@code reason} ({@code csrf} or {@code forbidden}), by the logged-in user. */
    void refused(HttpServletRequest request, String reason);
}
