package org.lianxin.signaling.media.internal.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.ForwardRequest;
import org.lianxin.signaling.media.ReceiveQuality;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.Sdp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The videoroom request bodies ({@link VideoroomRequests}) and reply readers ({@link VideoroomReplies}), without a socket. */
class VideoroomMessagesTest {

    private static final MediaRoomId ROOM = new MediaRoomId(4242);
    private final JsonMapper json = JsonMapper.builder().build();
    private final VideoroomRequests withKey = new VideoroomRequests(json, "ak");
    private final VideoroomRequests withoutKey = new VideoroomRequests(json, null);

    private JsonNode parse(String text) {
        return json.readTree(text);
    }

    @Test
    void aRoomIsCreatedForOpusAndVp8WithTheAdminKeyAndNotSavedByJanus() {
        ObjectNode body = withKey.create(new RoomSpec(ROOM, "sec", "desk", 4, 256_000));

        assertThat(body.path("request").asString()).isEqualTo("create");
        assertThat(body.path("room").asLong()).isEqualTo(4242);
        assertThat(body.path("secret").asString()).isEqualTo("sec");
        assertThat(body.path("admin_key").asString()).isEqualTo("ak");
        assertThat(body.path("publishers").asInt()).isEqualTo(4);
        assertThat(body.path("bitrate").asInt()).isEqualTo(256_000);
        assertThat(body.path("audiocodec").asString()).isEqualTo("opus");
        assertThat(body.path("videocodec").asString()).isEqualTo("vp8");
        assertThat(body.path("permanent").asBoolean(true)).isFalse();
        assertThat(withoutKey.create(RoomSpec.of(ROOM, "sec")).has("admin_key")).isFalse();
    }

    @Test
    void roomLevelRequestsCarryTheSecretAndTheAdminKeyOnlyWhenThereAreSome() {
        ObjectNode mute = withKey.moderate(ROOM, "sec", new FeedId(7), "1", true);
        assertThat(mute.path("request").asString()).isEqualTo("moderate");
        assertThat(mute.path("id").asLong()).isEqualTo(7);
        assertThat(mute.path("mid").asString()).isEqualTo("1");
        assertThat(mute.path("mute").asBoolean()).isTrue();
        assertThat(mute.path("secret").asString()).isEqualTo("sec");
        assertThat(mute.path("admin_key").asString()).isEqualTo("ak");

        ObjectNode kick = withoutKey.kick(ROOM, null, new FeedId(7));
        assertThat(kick.has("secret")).isFalse();
        assertThat(kick.has("admin_key")).isFalse();

        assertThat(withKey.destroy(ROOM, "sec").path("permanent").asBoolean(true)).isFalse();
        assertThat(withKey.listParticipants(ROOM).has("admin_key")).isFalse();
    }

    @Test
    void rtpForwardAsksForIpv4AndSendsRtcpOnlyWhereTheRecorderGaveAPort() {
        ForwardRequest request = new ForwardRequest(ROOM, "sec", new FeedId(7), "198.18.0.1",
                List.of(new ForwardRequest.Stream("0", 30000, 111, 0), new ForwardRequest.Stream("1", 30002, 96, 30003)));

        ObjectNode body = withKey.rtpForward(request, Set.of());

        assertThat(body.path("request").asString()).isEqualTo("rtp_forward");
        assertThat(body.path("publisher_id").asLong()).isEqualTo(7);
        assertThat(body.path("host").asString()).isEqualTo("198.18.0.1");
        assertThat(body.path("host_family").asString()).isEqualTo("ipv4");
        assertThat(body.path("secret").asString()).isEqualTo("sec");
        assertThat(body.path("admin_key").asString()).isEqualTo("ak");
        JsonNode audio = body.path("streams").get(0);
        JsonNode video = body.path("streams").get(1);
        assertThat(audio.path("mid").asString()).isEqualTo("0");
        assertThat(audio.path("pt").asInt()).isEqualTo(111);
        assertThat(audio.has("rtcp_port")).isFalse();
        assertThat(video.path("port").asInt()).isEqualTo(30002);
        assertThat(video.path("pt").asInt()).isEqualTo(96);
        assertThat(video.path("rtcp_port").asInt()).isEqualTo(30003);
        assertThat(video.has("simulcast")).as("one layer published: forwarded as it is").isFalse();

        ObjectNode stop = withKey.stopRtpForward(ROOM, "sec", new FeedId(7), 99);
        assertThat(stop.path("request").asString()).isEqualTo("stop_rtp_forward");
        assertThat(stop.path("stream_id").asLong()).isEqualTo(99);
    }

    @Test
    void aSimulcastVideoIsForwardedAsAViewerReceivesItAndSubscribersChooseTheirLayer() {
        ForwardRequest request = new ForwardRequest(ROOM, "sec", new FeedId(7), "198.18.0.1",
                List.of(new ForwardRequest.Stream("0", 30000, 111, 0), new ForwardRequest.Stream("1", 30002, 96, 30003)));

        ObjectNode body = withKey.rtpForward(request, Set.of("1"));

        assertThat(body.path("streams").get(0).has("simulcast")).isFalse();
        assertThat(body.path("streams").get(1).path("simulcast").asBoolean()).isTrue();
        ObjectNode reduced = withKey.receiveQuality(ReceiveQuality.REDUCED);
        assertThat(reduced.path("request").asString()).isEqualTo("configure");
        assertThat(reduced.path("substream").asInt()).isZero();
        assertThat(reduced.path("temporal").asInt()).isEqualTo(2);
        assertThat(withKey.receiveQuality(ReceiveQuality.FULL).path("substream").asInt()).isEqualTo(2);
    }

    @Test
    void theVideoSectionsThatSendSeveralLayersAreFoundInTheOffer() {
        String offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=sendonly\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=rid:h send\r\na=rid:l send\r\n"
                + "a=simulcast:send h;l\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:2\r\na=sendonly\r\n";

        assertThat(JanusMediaEngine.simulcastMids(offer)).containsExactly("1");
        assertThat(JanusMediaEngine.simulcastMids("v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\n")).isEmpty();
    }

    @Test
    void endpointRequestsAreTheJoinsConfiguresAndStartOfTheVideoroomPlugin() {
        ObjectNode publisher = withKey.joinAsPublisher(ROOM, "leader");
        assertThat(publisher.path("ptype").asString()).isEqualTo("publisher");
        assertThat(publisher.path("display").asString()).isEqualTo("leader");
        assertThat(withKey.joinAsPublisher(ROOM, null).has("display")).isFalse();

        ObjectNode subscriber = withKey.joinAsSubscriber(ROOM, List.of(new FeedId(7), new FeedId(8)));
        assertThat(subscriber.path("ptype").asString()).isEqualTo("subscriber");
        assertThat(subscriber.path("streams").size()).isEqualTo(2);
        assertThat(subscriber.path("streams").get(0).path("feed").asLong()).isEqualTo(7);
        assertThat(subscriber.path("streams").get(1).path("feed").asLong()).isEqualTo(8);

        assertThat(withKey.publish().path("audio").asBoolean()).isTrue();
        assertThat(withKey.publish().path("video").asBoolean()).isTrue();
        assertThat(withKey.keyframe().path("keyframe").asBoolean()).isTrue();
        assertThat(withKey.start().path("request").asString()).isEqualTo("start");
        // an endpoint's own handle needs no admin key
        assertThat(publisher.has("admin_key")).isFalse();
    }

    @Test
    void aPublishersJoinedGivesItsFeedAndThePublishersAlreadyThere() {
        JsonNode reply = parse("{\"janus\":\"event\",\"plugindata\":{\"plugin\":\"janus.plugin.videoroom\",\"data\":"
                + "{\"videoroom\":\"joined\",\"id\":12,\"private_id\":5,\"publishers\":[{\"id\":7,\"display\":\"a\"},{\"id\":8}]}}}");

        VideoroomReplies.Joined joined = VideoroomReplies.joined(VideoroomReplies.data(reply));

        assertThat(joined.feed()).isEqualTo(new FeedId(12));
        assertThat(joined.publishers()).containsExactly(new Participant(new FeedId(7), "a", true),
                new Participant(new FeedId(8), "", true));
    }

    @Test
    void participantsAndForwardersAreReadFromTheirReplies() {
        JsonNode participants = parse("{\"participants\":[{\"id\":7,\"display\":\"a\",\"publisher\":true},{\"id\":8}]}");
        assertThat(VideoroomReplies.participants(participants)).containsExactly(
                new Participant(new FeedId(7), "a", true), new Participant(new FeedId(8), "", false));

        ForwardRequest request = new ForwardRequest(ROOM, "sec", new FeedId(7), "198.18.0.1",
                List.of(new ForwardRequest.Stream("1", 30002, 96, 0)));
        JsonNode forwarders = parse("{\"forwarders\":[{\"stream_id\":55,\"mid\":\"1\",\"port\":30002}]}");
        assertThat(VideoroomReplies.forwarders(forwarders, request)).containsExactly(
                new Forwarder(ROOM, new FeedId(7), 55, "1", "198.18.0.1", 30002));
    }

    @Test
    void theSdpOfAReplyIsItsJsepAndAReplyWithoutOneIsAnInvalidSdp() {
        Sdp offer = VideoroomReplies.jsep(parse("{\"jsep\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}"), "subscribe");
        assertThat(offer).isEqualTo(new Sdp(Sdp.Type.OFFER, "v=0"));
        assertThat(VideoroomReplies.jsep(parse("{\"jsep\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}"), "publish").type())
                .isEqualTo(Sdp.Type.ANSWER);

        assertThatThrownBy(() -> VideoroomReplies.jsep(parse("{\"plugindata\":{}}"), "publish"))
                .isInstanceOfSatisfying(MediaException.class, e -> {
                    assertThat(e.code()).isEqualTo(Code.MEDIA_INVALID_SDP);
                    assertThat(e.getMessage()).contains("publish: Janus replied without an SDP");
                });
    }
}
