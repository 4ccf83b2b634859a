package org.lianxin.signaling.media;

/** A running RTP forwarder of one medium ({@code streamId} is what {@link MediaEngine#stopRtpForward} takes). */
public record Forwarder(MediaRoomId room, FeedId feed, long streamId, String mid, String host, int port) {
}
