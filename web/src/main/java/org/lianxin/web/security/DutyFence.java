package org.lianxin.web.security;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.lianxin.scheduler.Role;

/**
 * What the auditor's and the security administrator's accounts may request (三员分立): the auditor its page and the
 * trail's search and export; the security administrator its page and the accounts' roles; both the start page and who
 * they are. Nothing of the offices' work (bookings, cases, recordings, the signaling socket): anything else answers
 * 403 with the problem rule {@value #RULE}. An allow-list, so that what is added later stays closed to them.
 */
public final class DutyFence {
    /** The problem's rule when a fenced duty asks for anything else. */
    public static final String RULE = "duty-scope";

    /** "METHOD path-regex" per fenced role; the method {@code *} is any. */
    private static final Map<Role, List<String>> ALLOWED = Map.of(
            Role.AUDITOR, List.of(
                    "GET /",
                    "GET /audit(/|/index\\.html)?",
                    "GET /api/v1/offices",
                    "GET /audit/[a-z0-9-]+\\.(js|css)",
                    "GET /api/v1/audit/entries(\\.csv)?",
                    "GET /api/v1/me",
                    "PUT /api/v1/me/password"),
            Role.SECURITY_ADMIN, List.of(
                    "GET /",
                    "GET /users(/|/index\\.html)?",
                    "GET /users/[a-z0-9-]+\\.(js|css)",
                    "GET /api/v1/users",
                    "POST /api/v1/users",
                    "PUT /api/v1/users/\\d+/(role|enabled)",
                    "GET /api/v1/offices(/\\d+)?",
                    "GET /api/v1/me",
                    "PUT /api/v1/me/password"));

    private static final Map<Role, List<Pattern>> PATTERNS = compile();

    private DutyFence() {
    }

    private static Map<Role, List<Pattern>> compile() {
        java.util.EnumMap<Role, List<Pattern>> map = new java.util.EnumMap<>(Role.class);
        ALLOWED.forEach((role, lines) -> map.put(role, lines.stream().map(line -> {
            int space = line.indexOf(' ');
            String method = line.substring(0, space);
            return Pattern.compile(("*".equals(method) ? "[A-Z]+" : method) + " " + line.substring(space + 1));
        }).toList()));
        return map;
    }

    /** Whether the role's accounts are fenced here. */
    public static boolean fences(Role role) {
        return PATTERNS.containsKey(role);
    }

    /** Whether an account of {@code role} may make this request; {@code path} is without the context path. */
    public static boolean allows(Role role, String method, String path) {
        List<Pattern> allowed = PATTERNS.get(role);
        if (allowed == null) return true;
        String request = ("HEAD".equals(method) ? "GET" : method) + " " + path;
        return allowed.stream().anyMatch(p -> p.matcher(request).matches());
    }
}
