package org.lianxin.web.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A logged-in session ended by the server because its account changed under it (published by {@link SessionStamps},
 * audited by {@code audit.LoginAudit}).
 *
 * @param user    the session's user as it logged in (role and office of then)
 * @param reason  {@code role-changed}, {@code account-disabled}, {@code account-changed} (a password or another
 *                change that bumped the stamp) or {@code account-removed}
 * @param request the request that found it
 */
public record SessionEnded(LianxinUser user, String reason, HttpServletRequest request) {
}
