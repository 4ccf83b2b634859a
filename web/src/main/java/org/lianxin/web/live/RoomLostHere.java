package org.lianxin.web.live;

import java.time.Instant;
import java.util.Objects;

/**
 * A live room this instance owned was closed here because another instance holds its lease now (this one paused, or
 * its advisory lock's connection was lost, and the room was taken over): published by the lease heartbeat after the
 * room was evicted, for the features that must let go of the room here without writing for it (its recording).
 */
public record RoomLostHere(String roomId, Instant at) {
    public RoomLostHere {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(at, "at");
    }
}
