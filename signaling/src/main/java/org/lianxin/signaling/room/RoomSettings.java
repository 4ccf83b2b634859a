package org.lianxin.signaling.room;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a room behaves.
 *
 * @param reconnectGrace    how long a lost participant's place is held (default 30 s; 1 s .. 10 min)
 * @param lobbyTurnEstimate the wait added per participant ahead in the lobby (default 15 min; 0 .. 4 h)
 */
public record RoomSettings(Duration reconnectGrace, Duration lobbyTurnEstimate) {

    public RoomSettings {
        Objects.requireNonNull(reconnectGrace, "reconnectGrace");
        Objects.requireNonNull(lobbyTurnEstimate, "lobbyTurnEstimate");
        List<String> errors = new ArrayList<>();
        if (reconnectGrace.compareTo(Duration.ofSeconds(1)) < 0 || reconnectGrace.compareTo(Duration.ofMinutes(10)) > 0) {
            errors.add("reconnectGrace must be between 1 s and 10 min: " + reconnectGrace);
        }
        if (lobbyTurnEstimate.isNegative() || lobbyTurnEstimate.compareTo(Duration.ofHours(4)) > 0) {
            errors.add("lobbyTurnEstimate must be between 0 and 4 h: " + lobbyTurnEstimate);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
    }

    public static RoomSettings defaults() {
        return new RoomSettings(Duration.ofSeconds(30), Duration.ofMinutes(15));
    }
}
