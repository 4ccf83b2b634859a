package org.lianxin.signaling.room;

import java.util.Objects;
import org.lianxin.signaling.protocol.ServerMessage;

/** A message to send to a participant's current connection (the room only addresses connected ones). */
public record Outbound(String participantId, ServerMessage message) {
    public Outbound {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(message, "message");
    }
}
