package org.lianxin.web.audit;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lianxin.audit.AuditAction;

/**
 * Which API requests change something the trail must show, by method and path: bookings (created, rescheduled,
 * cancelled, every other change — check-in, no-show, invitations, evaluation — as {@code booking.change} with its
 * {@code op}), supervision (instructions, items, orders) and users ({@code /api/v1/users}, {@code /api/v1/me}).
 * Recordings' changes are audited by the recording feature itself, with what it knows. Reads are not listed here.
 */
final class AuditedRequests {

    /** The change a request makes: what, on which object ({@code objectId} null: the one it creates), which step. */
    record Change(AuditAction action, String objectType, String objectId, String op) {
    }

    private record Rule(Pattern path, AuditAction action, String objectType) {
    }

    private static final String API = "/api(?:/v1)?";
    private static final List<Rule> RULES = List.of(
            rule("/bookings", AuditAction.BOOKING_CREATE, "booking"),
            rule("/bookings/(\\d+)/(reschedule)", AuditAction.BOOKING_RESCHEDULE, "booking"),
            rule("/bookings/(\\d+)/(cancel)", AuditAction.BOOKING_CANCEL, "booking"),
            rule("/bookings/(\\d+)/(instructions)", AuditAction.SUPERVISION_CHANGE, "booking"),
            rule("/bookings/(\\d+)/(.+)", AuditAction.BOOKING_CHANGE, "booking"),
            rule("/supervision/items/(\\d+)/(.+)", AuditAction.SUPERVISION_CHANGE, "supervision-item"),
            rule("/supervision/(orders)", AuditAction.SUPERVISION_CHANGE, "supervision-order"),
            rule("/users", AuditAction.USER_CREATE, "user"),
            rule("/users/(\\d+)/(role)", AuditAction.USER_ROLE, "user"),
            rule("/users/(\\d+)/(enabled)", AuditAction.USER_ENABLE, "user"),
            rule("/users/(\\d+)(?:/(.+))?", AuditAction.USER_CHANGE, "user"),
            rule("/me(?:/(.+))?", AuditAction.USER_CHANGE, "me"),
            // written by the cases feature itself, with field and reason; here only if refused before it (a duty)
            rule("/cases/(\\d+)/(personal-data)", AuditAction.PERSONAL_DATA_UNMASK, "case"));

    /**
     * Changes the users feature writes to the trail itself, in the change's transaction and with what it knows (who,
     * whose, from, to): a request that made one is not audited again; one that was refused or failed is.
     */
    private static final Set<AuditAction> AUDITED_BY_THE_FEATURE = EnumSet.of(AuditAction.USER_CREATE,
            AuditAction.USER_ROLE, AuditAction.USER_ENABLE);

    private AuditedRequests() {
    }

    /** Whether the request-level entry of {@code change}, answered {@code status}, would repeat the feature's own. */
    static boolean auditedByTheFeature(Change change, int status) {
        return status < 400 && AUDITED_BY_THE_FEATURE.contains(change.action());
    }

    private static Rule rule(String path, AuditAction action, String objectType) {
        return new Rule(Pattern.compile(API + path), action, objectType);
    }

    /** The change {@code method path} makes, or {@code null} if it is a read or not listed. */
    static Change change(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        if (m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS") || m.equals("TRACE")) {
            return null;
        }
        for (Rule rule : RULES) {
            Matcher match = rule.path().matcher(path);
            if (match.matches()) {
                String id = null;
                String op = m.toLowerCase(Locale.ROOT);
                if (rule.objectType().equals("me")) {
                    op = match.group(1) == null ? op : match.group(1);
                } else if (match.groupCount() >= 1 && match.group(1) != null && match.group(1).matches("\\d+")) {
                    id = match.group(1);
                    if (match.groupCount() >= 2 && match.group(2) != null) {
                        op = match.group(2);
                    }
                } else if (match.groupCount() >= 1 && match.group(1) != null) {
                    op = match.group(1);
                }
                return new Change(rule.action(), rule.objectType(), id, op);
            }
        }
        return null;
    }

    /** The id at the end of a creation's {@code Location}, or {@code null}. */
    static String createdId(String location) {
        if (location == null) {
            return null;
        }
        Matcher m = Pattern.compile("/(\\d+)/?$").matcher(location);
        return m.find() ? m.group(1) : null;
    }
}
