package org.lianxin.signaling.media;

/**
 * One participant's connection to the media node (a publisher or a subscriber peer connection;
 * a Janus handle in the Janus adapter). Opaque to callers; valid until it is left or lost.
 */
public record EndpointId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
