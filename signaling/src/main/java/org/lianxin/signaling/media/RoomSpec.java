package org.lianxin.signaling.media;

import java.util.Objects;

/**
 * A media room to create.
 *
 * @param id            the room id
 * @param secret        the room secret, needed later to destroy, moderate, kick and forward
 * @param description   free text shown in the media server's own tools
 * @param maxPublishers how many participants may publish at once
 * @param bitrateBps    the cap on each publisher's video bitrate (bits/s; 0 = none)
 */
public record RoomSpec(MediaRoomId id, String secret, String description, int maxPublishers, int bitrateBps) {
    public RoomSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("room secret must not be blank");
        }
        description = description == null ? "" : description;
        if (maxPublishers < 1) {
            throw new IllegalArgumentException("maxPublishers must be >= 1: " + maxPublishers);
        }
        if (bitrateBps < 0) {
            throw new IllegalArgumentException("bitrateBps must be >= 0: " + bitrateBps);
        }
    }

    /** A room for a reception: a handful of publishers, 512 kbit/s each. */
    public static RoomSpec of(MediaRoomId id, String secret) {
        return new RoomSpec(id, secret, "", 6, 512_000);
    }
}
