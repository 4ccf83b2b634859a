package org.lianxin.signaling.media;

/** A publisher's feed inside a media room (what subscribers, forwarders, mute and kick refer to). */
public record FeedId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
