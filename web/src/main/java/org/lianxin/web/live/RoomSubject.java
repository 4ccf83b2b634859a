package org.lianxin.web.live;

import java.util.Optional;
import org.lianxin.signaling.token.SessionKind;
import org.lianxin.signaling.token.SessionRef;

/**
 * What a live room is for, read once from the session its join tokens name ({@link SessionRef}: a kind and an
 * opaque id): a reception of a booking, or a consultation. The one place that parses a session id; listeners get
 * the typed subject ({@link LiveRoomListener}).
 */
public sealed interface RoomSubject {

    /** The live room's id, as the live rooms know it. */
    String roomId();

    /** The session as the live rooms and join tokens carry it. */
    SessionRef session();

    /** A reception (接访) of booking {@code bookingId}: has a petitioner. */
    record Reception(String roomId, long bookingId) implements RoomSubject {
        @Override
        public SessionRef session() {
            return SessionRef.reception(Long.toString(bookingId));
        }
    }

    /** A remote consultation (远程会商) among officials: no petitioner. */
    record Consultation(String roomId, long consultationId) implements RoomSubject {
        @Override
        public SessionRef session() {
            return SessionRef.consultation(Long.toString(consultationId));
        }
    }

    /**
     * The booking's reception in its room ({@code booking-<id>}): the room's id as the live rooms, join tokens and
     * recordings name it.
     */
    static Reception reception(long bookingId) {
        return new Reception("booking-" + bookingId, bookingId);
    }

    /** The consultation in its room ({@code consultation-<id>}). */
    static Consultation consultation(long consultationId) {
        return new Consultation("consultation-" + consultationId, consultationId);
    }

    /**
     * The subject of room {@code roomId} open for {@code session}; empty if the session's id is not a booking's or
     * a consultation's (a room this application did not open).
     */
    public static Optional<RoomSubject> of(String roomId, SessionRef session) {
        long id;
        try {
            id = Long.parseLong(session.id());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(session.kind() == SessionKind.RECEPTION ? new Reception(roomId, id)
                : new Consultation(roomId, id));
    }
}
