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

    /** The mids of an offer's video sections that send several layers ({@code a=simulcast:}). */
    public static java.util.Set<String> simulcastMids(String sdp) {
        java.util.Set<String> mids = new java.util.HashSet<>();
        boolean video = false;
        boolean simulcast = false;
        String mid = null;
        for (String line : (sdp + "\nm=end").split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (video && simulcast && mid != null) {
                    mids.add(mid);
                }
                video = line.startsWith("m=video");
                simulcast = false;
                mid = null;
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring(6).trim();
            } else if (line.startsWith("a=simulcast:")) {
                simulcast = true;
            }
        }
        return java.util.Set.copyOf(mids);
    }
}
