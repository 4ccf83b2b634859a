package org.lianxin.signaling.token;

import java.util.Objects;

/**
 * The business session a room serves: a booking (reception) or a consultation, by its id.
 *
 * @param kind reception or consultation
 * @param id   the booking id or the consultation id (opaque here)
 */
public record SessionRef(SessionKind kind, String id) {
    public SessionRef {
        Objects.requireNonNull(kind, "kind");
        JoinGrant.requireText(id, "session id", JoinGrant.MAX_ID_LENGTH);
    }

    public static SessionRef reception(String bookingId) {
        return new SessionRef(SessionKind.RECEPTION, bookingId);
    }

    public static SessionRef consultation(String consultationId) {
        return new SessionRef(SessionKind.CONSULTATION, consultationId);
    }
}
