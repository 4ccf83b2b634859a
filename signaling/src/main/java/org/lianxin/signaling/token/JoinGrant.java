package org.lianxin.signaling.token;

import java.util.Objects;

/**
 * What a join token grants: one participant, with one role, in one room of one session.
 *
 * @param session       the booking or consultation the room serves
 * @param roomId        the live room (opaque)
 * @param role          what the participant may do
 * @param participantId who joins (stable across reconnects; the room tracks it)
 * @param displayName   the name shown to the others
 */
public record JoinGrant(SessionRef session, String roomId, Role role, String participantId, String displayName) {

    static final int MAX_ID_LENGTH = 128;
    static final int MAX_NAME_LENGTH = 100;

    public JoinGrant {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(role, "role");
        requireText(roomId, "room id", MAX_ID_LENGTH);
        requireText(participantId, "participant id", MAX_ID_LENGTH);
        requireText(displayName, "display name", MAX_NAME_LENGTH);
    }

    static String requireText(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " longer than " + maxLength + " characters");
        }
        return value;
    }
}
