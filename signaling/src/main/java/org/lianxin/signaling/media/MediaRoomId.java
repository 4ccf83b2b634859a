package org.lianxin.signaling.media;

/** A room on the media node (Janus videoroom ids are positive 64-bit numbers). */
public record MediaRoomId(long value) {
    public MediaRoomId {
        if (value <= 0) {
            throw new IllegalArgumentException("media room id must be positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
