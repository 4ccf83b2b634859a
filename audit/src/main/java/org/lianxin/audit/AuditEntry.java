package org.lianxin.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One fact for the trail, as the caller knows it; the trail adds the time, the sequence number and the hashes
 * ({@link AuditRecord}). Personal data (ID and phone numbers, names of petitioners) never goes in unmasked: the
 * object is named by type and id, {@code details} holds small facts (a reason code, a status), never free text a
 * petitioner wrote.
 *
 * @param username      who (the login name; {@code anonymous} or the name tried for a failed login)
 * @param role          the user's role, or {@code null} when not known (a failed login)
 * @param officeId      the user's office, or {@code null}
 * @param action        what
 * @param objectType    what kind of thing it was done to, e.g. {@code recording}, {@code booking}, {@code user}
 *                      ({@code null} if none, e.g. a login)
 * @param objectId      which one ({@code null} if none)
 * @param outcome       allowed, denied or failed
 * @param clientAddress the client's address as the server saw it, or {@code null}
 * @param requestId     the request's id (the {@code X-Request-Id} the server set or accepted), or {@code null}
 * @param details       small flat facts, rendered as JSON with sorted keys (at most {@value #MAX_DETAILS} characters)
 */
public record AuditEntry(String username, String role, Long officeId, AuditAction action, String objectType,
                         String objectId, AuditOutcome outcome, String clientAddress, String requestId,
                         Map<String, String> details) {

    public static final int MAX_DETAILS = 2000;
    static final int MAX_FIELD = 200;

    public AuditEntry {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        username = clip(username);
        role = clip(role);
        objectType = clip(objectType);
        objectId = clip(objectId);
        clientAddress = clip(clientAddress);
        requestId = clip(requestId);
        details = details == null ? Map.of() : Map.copyOf(new TreeMap<>(details));
        if (detailsJson(details).length() > MAX_DETAILS) {
            throw new IllegalArgumentException("audit details longer than " + MAX_DETAILS + " characters");
        }
    }

    /** A copy with other details. */
    public AuditEntry withDetails(Map<String, String> more) {
        TreeMap<String, String> all = new TreeMap<>(details);
        all.putAll(more);
        return new AuditEntry(username, role, officeId, action, objectType, objectId, outcome, clientAddress,
                requestId, all);
    }

    /** The details as stored and hashed: a JSON object of strings, keys sorted, no spaces. */
    public String detailsJson() {
        return detailsJson(details);
    }

    static String detailsJson(Map<String, String> details) {
        StringBuilder json = new StringBuilder("{");
        new TreeMap<>(details).forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, k).append(':');
            quote(json, v);
        });
        return json.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_FIELD ? s : s.substring(0, MAX_FIELD);
    }
}
