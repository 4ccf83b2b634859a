package org.lianxin.bench.access;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The expected access, written from issue 13 and the README (not from what the app answers): role × resource ×
 * whose object. Every staff role acts only inside its office's subtree (scheduler's {@code Role}); an official's and
 * an office's public face (name, title, the office directory) reach a little wider ({@link World#looksAt}); an
 * evaluator sees only the matters it was drawn to score; nobody unauthenticated, and no logged-out session, sees
 * anything but the login, the audit trail's public key and an iCalendar feed by its secret token. Where the README
 * names the roles of an action (ADMIN manages offices, officials, terminals and users; REVIEWER is read-only on
 * bookings; the webhook endpoints, failed notices and the media nodes are the administrators'), the other roles are refused.
 */
final class Rules {
    /**
     * Whose object a request names: none (a list, a create), one of the subject's subtree, another's, or a list
     * filtered by another jurisdiction's id ({@code FILTER}: allowed as a list, its body judged — an empty answer
     * reveals nothing, an answer with another's objects is a leak).
     */
    enum Scope { NONE, OWN, OTHER, FILTER }

    static final Set<String> PUBLIC = Set.of("POST /login", "GET /api/v1/audit/public-key",
            "GET /calendar/{token}.ics");

    private static final List<Pattern> EVALUATOR = List.of(
            Pattern.compile("[A-Z]+ /api/(v1/)?evaluation/my/.*"),
            Pattern.compile("GET /api/v1/me"));
    private static final List<Pattern> ADMIN_ONLY = List.of(
            Pattern.compile("[A-Z]+ /api/v1/webhooks/.*"),
            Pattern.compile("[A-Z]+ /api/v1/notifications/failed.*"),
            // the media nodes serve the whole province: the app answers only the province office's administrators
            Pattern.compile("[A-Z]+ /api/v1/admin/media-nodes.*"),
            Pattern.compile("PUT /api/v1/users/\\{username}/email"),
            Pattern.compile("(POST|PUT) /api/(v1/)?evaluation/evaluators.*"),
            Pattern.compile("POST /api/v1/officials"),
            Pattern.compile("POST /api/v1/terminals"));
    /**
     * 三员分立 (issue 13): the auditor — and only the auditor — searches and exports the trail; the security
     * administrator manages roles (and sees and creates the duties' accounts it manages); the system administrator
     * manages users (lists and creates them, enables and disables accounts) but neither reads the trail nor grants
     * roles. Each of the two new duties does nothing else: it is no office worker.
     */
    private static final List<Pattern> AUDITOR = List.of(
            Pattern.compile("GET /api/v1/audit/entries(\\.csv)?"),
            Pattern.compile("GET /api/v1/offices(/\\{id})?"),
            Pattern.compile("GET /api/v1/me"),
            Pattern.compile("PUT /api/v1/me/password"));
    private static final List<Pattern> SECURITY_ADMIN = List.of(
            Pattern.compile("GET /api/v1/users"),
            Pattern.compile("POST /api/v1/users"),
            Pattern.compile("GET /api/v1/offices(/\\{id})?"),
            Pattern.compile("PUT /api/v1/users/\\{id}/(role|enabled)"),
            Pattern.compile("GET /api/v1/me"),
            Pattern.compile("PUT /api/v1/me/password"));
    private static final Pattern TRAIL = Pattern.compile("[A-Z]+ /api/v1/audit/entries.*");
    private static final Pattern ROLE_CHANGE = Pattern.compile("PUT /api/v1/users/\\{id}/role");
    /**
     * Accounts: the system administrator lists, creates (the offices' staff; the security administrator the duties'
     * accounts) and enables or disables them, each within its subtree (a body naming another's office is OTHER).
     */
    private static final Pattern ACCOUNTS = Pattern.compile(
            "(GET /api/v1/users)|(POST /api/v1/users)|(PUT /api/v1/users/\\{id}/enabled)");
    /**
     * An official's calendar (weekly windows, settings, blocked periods): "administrators and county staff edit the
     * weekly windows and blocked periods of the leaders and officials of their office and the offices below it"
     * (README, /admin/), and the official its own; its private feed URL only the official itself and admins.
     */
    private static final Pattern CALENDAR_WRITE = Pattern.compile(
            "(PUT /api/v1/officials/\\{id}/(windows|settings))|(POST /api/v1/officials/\\{id}/blocks)"
                    + "|(DELETE /api/v1/officials/\\{id}/blocks/\\{blockId})");
    private static final Pattern CALENDAR_FEED = Pattern.compile("GET /api/v1/officials/\\{id}/calendar-feed");
    /** A terminal in or out of service: the county staff at the terminal and admins (Role.SCHEDULER's doc). */
    private static final Pattern TERMINAL_STATUS = Pattern.compile("PUT /api/v1/terminals/\\{id}/status");
    /** Writes on bookings a reviewer may not make (read-only on bookings; instructions are supervision's). */
    private static final Pattern BOOKING_WRITE = Pattern.compile("(POST|PUT|DELETE) /api/v1/bookings(/\\{id}/.*)?");
    /** What only office staff who book do: book, move, cancel, check in, no-show; open case files. */
    private static final Pattern BOOKING_DESK = Pattern.compile(
            "POST /api/v1/bookings(/\\{id}/(reschedule|cancel|check-in|no-show))?|POST /api/v1/cases(/import)?");

    /**
     * A case's full ID or phone number, with a reason (issue 13: "a role that needs the full value asks for it"): the
     * scheduler, the leader and the official of the case's subtree (scheduler's CasePersonalData.MAY_UNMASK); never the
     * administrator, the reviewer or the separated duties.
     */
    private static final Pattern UNMASK = Pattern.compile("POST /api/v1/cases/\\{id}/personal-data");

    private Rules() {
    }

    static boolean allows(Subject s, ApiDocument.Operation op, Scope scope, boolean self) {
        String key = op.key();
        if (PUBLIC.contains(key)) return true;
        switch (s.kind()) {
            case ANONYMOUS:
            case EXPIRED:
                return false;
            case EVALUATOR:
                return EVALUATOR.stream().anyMatch(p -> p.matcher(key).matches());
            default:
                break;
        }
        if (scope == Scope.OTHER) {
            // the office directory (names and codes of the province's offices) is public administrative fact
            return key.equals("GET /api/v1/offices/{id}");
        }
        String role = s.role();
        if (role.equals("AUDITOR")) return AUDITOR.stream().anyMatch(p -> p.matcher(key).matches());
        if (role.equals("SECURITY_ADMIN")) return SECURITY_ADMIN.stream().anyMatch(p -> p.matcher(key).matches());
        if (TRAIL.matcher(key).matches() || ROLE_CHANGE.matcher(key).matches()) return false;
        if (ACCOUNTS.matcher(key).matches()) return role.equals("ADMIN");
        if (UNMASK.matcher(key).matches()) {
            return role.equals("SCHEDULER") || role.equals("LEADER") || role.equals("OFFICIAL");
        }
        if (ADMIN_ONLY.stream().anyMatch(p -> p.matcher(key).matches())) return role.equals("ADMIN");
        if (role.equals("REVIEWER") && BOOKING_WRITE.matcher(key).matches()) return false;
        if ((role.equals("REVIEWER") || role.equals("OFFICIAL")) && BOOKING_DESK.matcher(key).matches()) return false;
        if (CALENDAR_WRITE.matcher(key).matches()) return self || role.equals("ADMIN") || role.equals("SCHEDULER");
        if (CALENDAR_FEED.matcher(key).matches()) return self || role.equals("ADMIN");
        if (TERMINAL_STATUS.matcher(key).matches()) return role.equals("ADMIN") || role.equals("SCHEDULER");
        return true;
    }

    /** Lists whose items may name offices outside the subtree (published directory and reports). */
    static boolean publishedList(String path) {
        return path.equals("/api/v1/offices") || path.startsWith("/api/v1/reports/")
                || path.equals("/api/v1/topics/categories") || path.equals("/api/v1/webhooks/event-types");
    }
}
