package org.lianxin.signaling.media.internal.janus;

import java.util.ArrayList;
import java.util.List;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.media.Subscription;
import tools.jackson.databind.JsonNode;

/**
 * What the videoroom plugin's replies say, as the media port's values: participants, a publisher's
 * {@code joined}, forwarders, and the SDP in a reply's {@code jsep}. Only JSON; the requests are
 * {@link VideoroomRequests}.
 */
final class VideoroomReplies {

    /** A publisher's {@code joined}: its feed and the room's publishers already there. */
    record Joined(FeedId feed, List<Participant> publishers) {
        Joined {
            publishers = List.copyOf(publishers);
        }
    }

    private VideoroomReplies() {
    }

    /** The plugin's part of a reply ({@code plugindata.data}; missing if there is none). */
    static JsonNode data(JsonNode reply) {
        return reply.path("plugindata").path("data");
    }

    /** {@code listparticipants}'s {@code participants}. */
    static List<Participant> participants(JsonNode data) {
        List<Participant> list = new ArrayList<>();
        for (JsonNode p : data.path("participants")) {
            list.add(new Participant(new FeedId(p.path("id").asLong()), p.path("display").asString(""),
                    p.path("publisher").asBoolean(false)));
        }
        return List.copyOf(list);
    }

    /** A publisher's {@code joined}: {@code id} and the {@code publishers} list. */
    static Joined joined(JsonNode data) {
        FeedId feed = new FeedId(data.path("id").asLong());
        List<Participant> others = new ArrayList<>();
        for (JsonNode p : data.path("publishers")) {
            others.add(new Participant(new FeedId(p.path("id").asLong()), p.path("display").asString(""), true));
        }
        return new Joined(feed, others);
    }

    /** {@code rtp_forward}'s {@code forwarders} (host defaults to the one asked for). */
    static List<Forwarder> forwarders(JsonNode data, ForwardRequest request) {
        List<Forwarder> list = new ArrayList<>();
        for (JsonNode f : data.path("forwarders")) {
            list.add(new Forwarder(request.room(), request.feed(), f.path("stream_id").asLong(),
                    f.path("mid").asString(""), f.path("host").asString(request.host()), f.path("port").asInt()));
        }
        return List.copyOf(list);
    }

    /**
     * A subscriber's {@code attached} or {@code updated}: the sections that carry a feed now ({@code streams}
     * entries with a {@code feed_id}, not inactive).
     */
    static List<Subscription.Stream> streams(JsonNode data) {
        List<Subscription.Stream> list = new ArrayList<>();
        for (JsonNode s : data.path("streams")) {
            if (!s.has("feed_id") || !s.path("active").asBoolean(true) || !s.has("mid")) {
                continue;
            }
            list.add(new Subscription.Stream(s.path("mid").asString(), new FeedId(s.path("feed_id").asLong()),
                    "video".equals(s.path("type").asString(""))));
        }
        return List.copyOf(list);
    }

    /** The SDP a reply carries in {@code jsep}, or null if it has none. */
    static Sdp jsepIfAny(JsonNode reply) {
        return reply.path("jsep").has("sdp") ? jsep(reply, "") : null;
    }

    /** The SDP a reply carries in {@code jsep}; fails with MEDIA_INVALID_SDP if it has none. */
    static Sdp jsep(JsonNode reply, String what) {
        JsonNode jsep = reply.path("jsep");
        if (!jsep.has("sdp")) {
            throw new MediaException(Code.MEDIA_INVALID_SDP, what + ": Janus replied without an SDP");
        }
        String type = jsep.path("type").asString();
        return new Sdp("offer".equals(type) ? Sdp.Type.OFFER : Sdp.Type.ANSWER, jsep.path("sdp").asString());
    }
}
