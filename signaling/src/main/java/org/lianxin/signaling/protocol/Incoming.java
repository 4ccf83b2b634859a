package org.lianxin.signaling.protocol;

import java.util.Objects;

/**
 * A decoded client message with its optional correlation id (wire field {@code "id"}), which the
 * server echoes in any {@link ServerMessage.Failure} the message causes.
 */
public record Incoming(String correlation, ClientMessage message) {
    public Incoming {
        Objects.requireNonNull(message, "message");
    }
}
