package org.lianxin.signaling.media;

import java.util.List;
import java.util.Objects;

/**
 * Forward a publisher's RTP to a recorder listening on {@code host} (IPv4).
 *
 * @param secret the room secret (forwarders are locked to it and the node's admin key)
 */
public record ForwardRequest(MediaRoomId room, String secret, FeedId feed, String host, List<Stream> streams) {
    public ForwardRequest {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(host, "host");
        streams = List.copyOf(streams);
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("at least one stream to forward");
        }
    }

    /**
     * One medium of the publisher: its {@code mid} in the publisher's SDP, the UDP port and the RTP
     * payload type the recorder expects, and optionally a port where the recorder sends RTCP
     * feedback ({@code 0} = none).
     */
    public record Stream(String mid, int port, int payloadType, int rtcpPort) {
        public Stream {
            Objects.requireNonNull(mid, "mid");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }
}
