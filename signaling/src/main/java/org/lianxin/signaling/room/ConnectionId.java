package org.lianxin.signaling.room;

import java.util.Objects;

/** One WebSocket connection of a participant (e.g. the Jakarta session id). Opaque to the room. */
public record ConnectionId(String value) {
    public ConnectionId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
