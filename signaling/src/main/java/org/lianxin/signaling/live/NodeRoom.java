package org.lianxin.signaling.live;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.lianxin.signaling.media.MediaRoomId;

/**
 * A live room's room on the media node: its id there and the secret that guards it (needed to
 * mute, kick and forward). Made once per live room; the same id and secret are used to make the
 * media room again after the node was lost.
 */
record NodeRoom(MediaRoomId id, String secret) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh random id (below 2^52, safe as a JSON number) and a random 24-byte secret. */
    static NodeRoom random() {
        byte[] s = new byte[24];
        RANDOM.nextBytes(s);
        return new NodeRoom(new MediaRoomId(ThreadLocalRandom.current().nextLong(1, 1L << 52)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(s));
    }

    @Override
    public String toString() {
        return id.toString(); // never the secret
    }
}
