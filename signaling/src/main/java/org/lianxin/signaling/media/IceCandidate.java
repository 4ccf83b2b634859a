package org.lianxin.signaling.media;

/**
 * A trickled ICE candidate from the browser, or the end-of-candidates marker
 * ({@link #completed()}, {@code candidate == null}).
 */
public record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex) {
    private static final IceCandidate COMPLETED = new IceCandidate(null, null, null);

    public static IceCandidate completed() {
        return COMPLETED;
    }

    public boolean isCompleted() {
        return candidate == null;
    }
}
