package org.lianxin.signaling.media.internal.janus;

import java.util.List;
import java.util.Set;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.ReceiveQuality;
import org.lianxin.signaling.media.RoomSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bodies of the videoroom plugin's requests ({@code body} of a Janus {@code message}), one
 * method per request, with the {@code admin_key} and the room {@code secret} where Janus wants them.
 * Only JSON: sending them is {@link VideoroomHandles}, reading the replies {@link VideoroomReplies}.
 */
final class VideoroomRequests {

    private final JsonMapper json;
    private final String adminKey; // null when the videoroom plugin has none

    VideoroomRequests(JsonMapper json, String adminKey) {
        this.json = json;
        this.adminKey = adminKey;
    }

    // ---------------------------------------------------------------- rooms (control handle)

    /** {@code create}: Opus and VP8 only, not saved to Janus's config file. */
    ObjectNode create(RoomSpec spec) {
        ObjectNode body = json.createObjectNode();
        body.put("request", "create");
        body.put("room", spec.id().value());
        body.put("secret", spec.secret());
        if (adminKey != null) {
            body.put("admin_key", adminKey);
        }
        body.put("description", spec.description());
        body.put("publishers", spec.maxPublishers());
        body.put("bitrate", spec.bitrateBps());
        body.put("fir_freq", 10);
        body.put("audiocodec", "opus");
        body.put("videocodec", "vp8");
        body.put("permanent", false);
        return body;
    }

    ObjectNode destroy(MediaRoomId room, String secret) {
        ObjectNode body = roomBody("destroy", room, secret);
        body.put("permanent", false);
        return body;
    }

    ObjectNode listParticipants(MediaRoomId room) {
        ObjectNode body = json.createObjectNode();
        body.put("request", "listparticipants");
        body.put("room", room.value());
        return body;
    }

    /** {@code moderate}: server-side mute of one medium ({@code mid}) of a feed, or unmute. */
    ObjectNode moderate(MediaRoomId room, String secret, FeedId feed, String mid, boolean muted) {
        ObjectNode body = roomBody("moderate", room, secret);
        body.put("id", feed.value());
        body.put("mid", mid);
        body.put("mute", muted);
        return body;
    }

    ObjectNode kick(MediaRoomId room, String secret, FeedId feed) {
        ObjectNode body = roomBody("kick", room, secret);
        body.put("id", feed.value());
        return body;
    }

    /**
     * {@code rtp_forward} of the publisher's streams to the recorder (IPv4; RTCP only where a port is given). A
     * video section it publishes in several layers ({@code simulcastMids}) is forwarded as a viewer receives it —
     * one stream, the best layer — instead of its lowest layer only.
     */
    ObjectNode rtpForward(ForwardRequest request, Set<String> simulcastMids) {
        ObjectNode body = roomBody("rtp_forward", request.room(), request.secret());
        body.put("publisher_id", request.feed().value());
        body.put("host", request.host());
        body.put("host_family", "ipv4");
        ArrayNode streams = body.putArray("streams");
        for (ForwardRequest.Stream s : request.streams()) {
            ObjectNode o = streams.addObject();
            o.put("mid", s.mid());
            o.put("port", s.port());
            o.put("pt", s.payloadType());
            if (s.rtcpPort() > 0) {
                o.put("rtcp_port", s.rtcpPort());
            }
            if (simulcastMids.contains(s.mid())) {
                o.put("simulcast", true);
            }
        }
        return body;
    }

    /** {@code listforwarders}: every forwarder of the room's publishers (the room's secret needed). */
    ObjectNode listForwarders(MediaRoomId room, String secret) {
        return roomBody("listforwarders", room, secret);
    }

    /** {@code stop_rtp_forward}: one request per forwarder ({@code stream_id}). */
    ObjectNode stopRtpForward(MediaRoomId room, String secret, FeedId feed, long streamId) {
        ObjectNode body = roomBody("stop_rtp_forward", room, secret);
        body.put("publisher_id", feed.value());
        body.put("stream_id", streamId);
        return body;
    }

    // ---------------------------------------------------------------- an endpoint's own handle

    ObjectNode joinAsPublisher(MediaRoomId room, String display) {
        ObjectNode body = json.createObjectNode();
        body.put("request", "join");
        body.put("ptype", "publisher");
        body.put("room", room.value());
        if (display != null) {
            body.put("display", display);
        }
        return body;
    }

    /** {@code configure} with audio and video, sent with the browser's offer. */
    ObjectNode publish() {
        ObjectNode body = json.createObjectNode();
        body.put("request", "configure");
        body.put("audio", true);
        body.put("video", true);
        return body;
    }

    /** {@code configure} with {@code keyframe}: Janus sends the publisher's browser a PLI. */
    ObjectNode keyframe() {
        ObjectNode body = json.createObjectNode();
        body.put("request", "configure");
        body.put("keyframe", true);
        return body;
    }

    /** A subscriber's {@code configure} with {@code restart}: Janus answers with a new offer that restarts ICE. */
    ObjectNode restartSubscription() {
        ObjectNode body = json.createObjectNode();
        body.put("request", "configure");
        body.put("restart", true);
        return body;
    }

    /**
     * A subscriber's {@code configure} of the video layer it receives of every simulcast feed (no mid: all of its
     * video streams): the lowest substream, or the best one; all temporal layers either way.
     */
    ObjectNode receiveQuality(ReceiveQuality quality) {
        ObjectNode body = json.createObjectNode();
        body.put("request", "configure");
        body.put("substream", quality == ReceiveQuality.REDUCED ? 0 : 2);
        body.put("temporal", 2);
        return body;
    }

    /** A multistream subscriber's {@code join}: one stream per feed. */
    ObjectNode joinAsSubscriber(MediaRoomId room, List<FeedId> feeds) {
        ObjectNode body = json.createObjectNode();
        body.put("request", "join");
        body.put("ptype", "subscriber");
        body.put("room", room.value());
        ArrayNode streams = body.putArray("streams");
        for (FeedId f : feeds) {
            streams.addObject().put("feed", f.value());
        }
        return body;
    }

    /**
     * An idle subscriber's {@code join}: the participant's own feed (only its section {@code mid} if not null), with
     * no offer pushed by the node on its own when a feed leaves ({@code autoupdate} off: we renegotiate by
     * {@link #updateSubscription}).
     */
    ObjectNode joinIdle(MediaRoomId room, FeedId own, String mid) {
        ObjectNode body = json.createObjectNode();
        body.put("request", "join");
        body.put("ptype", "subscriber");
        body.put("room", room.value());
        body.put("autoupdate", false);
        ObjectNode stream = body.putArray("streams").addObject().put("feed", own.value());
        if (mid != null) {
            stream.put("mid", mid);
        }
        return body;
    }

    /** A subscriber's {@code configure} that stops relaying every stream it has (the idle subscription's own feed). */
    ObjectNode sendNothing() {
        ObjectNode body = json.createObjectNode();
        body.put("request", "configure");
        body.put("audio", false);
        body.put("video", false);
        return body;
    }

    /** A subscriber's {@code update}: feeds added and removed in one renegotiation. */
    ObjectNode updateSubscription(List<FeedId> add, List<FeedId> remove) {
        ObjectNode body = json.createObjectNode();
        body.put("request", "update");
        if (!add.isEmpty()) {
            ArrayNode subscribe = body.putArray("subscribe");
            for (FeedId f : add) {
                subscribe.addObject().put("feed", f.value());
            }
        }
        if (!remove.isEmpty()) {
            ArrayNode unsubscribe = body.putArray("unsubscribe");
            for (FeedId f : remove) {
                unsubscribe.addObject().put("feed", f.value());
            }
        }
        return body;
    }

    /**
     * A subscriber's {@code update} adding feeds PAUSED: one {@code subscribe} entry per published mid with
     * {@code send: false} (Janus 1.1 applies {@code send} only to an entry that names a mid), and the feeds removed.
     */
    ObjectNode holdFeeds(java.util.Map<FeedId, List<String>> hold, List<FeedId> remove) {
        ObjectNode body = json.createObjectNode();
        body.put("request", "update");
        if (!hold.isEmpty()) {
            ArrayNode subscribe = body.putArray("subscribe");
            for (java.util.Map.Entry<FeedId, List<String>> f : hold.entrySet()) {
                for (String mid : f.getValue()) {
                    subscribe.addObject().put("feed", f.getKey().value()).put("mid", mid).put("send", false);
                }
            }
        }
        if (!remove.isEmpty()) {
            ArrayNode unsubscribe = body.putArray("unsubscribe");
            for (FeedId f : remove) {
                unsubscribe.addObject().put("feed", f.value());
            }
        }
        return body;
    }

    /** A subscriber's {@code configure} sending (or not) these of its streams; Janus asks for a keyframe on sending. */
    ObjectNode sendStreams(List<String> mids, boolean send) {
        ObjectNode body = json.createObjectNode();
        body.put("request", "configure");
        ArrayNode streams = body.putArray("streams");
        for (String mid : mids) {
            streams.addObject().put("mid", mid).put("send", send);
        }
        return body;
    }

    /** {@code start}, sent with the browser's answer. */
    ObjectNode start() {
        ObjectNode body = json.createObjectNode();
        body.put("request", "start");
        return body;
    }

    private ObjectNode roomBody(String request, MediaRoomId room, String secret) {
        ObjectNode body = json.createObjectNode();
        body.put("request", request);
        body.put("room", room.value());
        if (secret != null) {
            body.put("secret", secret);
        }
        if (adminKey != null) {
            body.put("admin_key", adminKey);
        }
        return body;
    }
}
