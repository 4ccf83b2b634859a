package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.Role;

/**
 * ICE restarts through LiveRooms on the real Janus adapter against FakeJanus ({@link JanusRoomFixture}): the publisher's restart offer
 * goes to Janus on the same handle ({@code configure} with the offer: no new join, the feed stays) and the answer comes
 * back; the subscriber's restart asks Janus for a restarted offer ({@code configure} with {@code restart}) on the same
 * handle and sends it as {@code restartOffer}; without a subscription the participant gets a numbered error.
 */
class IceRestartOnJanusTest {

    JanusRoomFixture f;
    LiveRooms.Participant host;
    LiveRooms.Participant official;

    @BeforeEach
    void start() throws Exception {
        f = new JanusRoomFixture(Instant.parse("2026-12-01T02:00:00Z"));
        host = f.join(Role.HOST, "host");
        official = f.join(Role.OFFICIAL, "off");
        f.publish(host);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void aPublisherRestartsIceOnTheSameEndpointAndKeepsItsFeed() throws Exception {
        long joins = f.count("message/join");
        long answers = f.connections.to("c-host").stream().filter(m -> m instanceof ServerMessage.Answer).count();

        f.send(host, "r1", new ClientMessage.RestartIce(PeerConnectionKind.PUBLISHER, LiveRoomsTest.OFFER));

        await().atMost(5, TimeUnit.SECONDS).until(() -> f.connections.to("c-host").stream()
                .filter(m -> m instanceof ServerMessage.Answer).count() == answers + 1);
        assertThat(f.count("message/join")).as("no new publisher endpoint").isEqualTo(joins);
        assertThat(f.connections.to("c-off")).doesNotContain(new ServerMessage.ParticipantPublishing("host", false));
        assertThat(f.events).noneMatch(e -> e instanceof RoomEvent.PublishingStopped);
    }

    @Test
    void aSubscriberGetsARestartedOfferForItsExistingSubscription() throws Exception {
        f.send(official, "s", new ClientMessage.Subscribe(List.of("host")));
        await().atMost(5, TimeUnit.SECONDS).until(() -> f.connections.to("c-off").stream()
                .anyMatch(m -> m instanceof ServerMessage.Offer));
        f.send(official, "a", new ClientMessage.Answer("v=0 answer"));
        long attaches = f.count("attach");

        f.send(official, "r2", new ClientMessage.RestartIce(PeerConnectionKind.SUBSCRIBER, null));

        await().atMost(5, TimeUnit.SECONDS).until(() -> f.connections.to("c-off")
                .contains(new ServerMessage.RestartOffer("v=0\r\ns=fake restart offer\r\n")));
        assertThat(f.count("attach")).as("the same subscriber handle").isEqualTo(attaches);
        long starts = f.count("message/start");
        f.send(official, "a2", new ClientMessage.Answer("v=0 answer after restart"));
        assertThat(f.count("message/start")).isEqualTo(starts + 1);
    }

    @Test
    void aSubscriberRestartWithoutASubscriptionIsANumberedError() throws Exception {
        f.send(official, "r3", new ClientMessage.RestartIce(PeerConnectionKind.SUBSCRIBER, null));

        await().atMost(5, TimeUnit.SECONDS).until(() -> f.connections.to("c-off").stream()
                .anyMatch(m -> m instanceof ServerMessage.Failure f && f.code() == ErrorCode.MEDIA_ICE_RESTART_FAILED
                        && "r3".equals(f.correlation())));
    }
}
