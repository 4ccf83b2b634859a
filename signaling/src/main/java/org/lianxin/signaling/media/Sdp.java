package org.lianxin.signaling.media;

import java.util.Objects;

/** A session description exchanged with the browser ({@code type} is "offer" or "answer"). */
public record Sdp(Type type, String sdp) {
    public enum Type { OFFER, ANSWER }

    public Sdp {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sdp, "sdp");
    }

    public static Sdp offer(String sdp) {
        return new Sdp(Type.OFFER, sdp);
    }

    public static Sdp answer(String sdp) {
        return new Sdp(Type.ANSWER, sdp);
    }
}
