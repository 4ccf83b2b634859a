package org.lianxin.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/**
 * The receiving connection made ahead (instant admission): a waiting petitioner and the host make theirs before
 * anyone is admitted, without the lobby learning or receiving anything; admission is then only subscriptions on it.
 */
class ReceivingConnectionTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final SessionRef BOOKING = SessionRef.reception("booking-43");
    private static final String ROOM = "room-8";

    private final RoomTest.MutableClock clock = new RoomTest.MutableClock(T0);
    private final Room room = new Room(ROOM, BOOKING, RoomSettings.defaults(), clock);

    @Test
    void aWaitingPetitionerMakesItsReceivingConnectionAnswersItAndTricklesForItTellingNobody() {
        enter("leader", Role.HOST);
        enter("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));

        Transition prepare = room.handle("petitioner", new ClientMessage.PrepareReceive());
        assertThat(prepare.refused()).isFalse();
        assertThat(prepare.media()).containsExactly(new MediaAction.PrepareReceiving("petitioner"));
        assertThat(prepare.messages()).as("nobody is told").isEmpty();
        assertThat(prepare.events()).isEmpty();

        assertThat(room.handle("petitioner", new ClientMessage.Answer("v=0 answer")).media())
                .containsExactly(new MediaAction.StartReceiving("petitioner", "v=0 answer"));
        IceCandidate c = new IceCandidate("candidate:1 1 udp 1 198.18.0.9 5001 typ host", "0", 0);
        assertThat(room.handle("petitioner", new ClientMessage.Trickle(PeerConnectionKind.SUBSCRIBER, c)).media())
                .containsExactly(new MediaAction.Trickle("petitioner", PeerConnectionKind.SUBSCRIBER, c));
    }

    @Test
    void theLobbyStillMayNotSubscribeToAnyoneNorRestartAReceivingConnection() {
        enter("leader", Role.HOST);
        room.publishing("leader", true);
        enter("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.PrepareReceive());

        Transition subscribe = room.handle("petitioner", new ClientMessage.Subscribe(List.of("leader")));
        assertThat(subscribe.refusalCode()).isEqualTo(ErrorCode.ROOM_IN_LOBBY);
        assertThat(subscribe.media()).isEmpty();
        Transition restart = room.handle("petitioner", new ClientMessage.RestartIce(PeerConnectionKind.SUBSCRIBER, null));
        assertThat(restart.refusalCode()).isEqualTo(ErrorCode.ROOM_IN_LOBBY);
    }

    @Test
    void theHostMakesItsReceivingConnectionAndAnObserverWhichHasNoFeedOfItsOwnIsRefused() {
        enter("leader", Role.HOST);
        enter("observer", Role.OBSERVER);

        assertThat(room.handle("leader", new ClientMessage.PrepareReceive()).media())
                .containsExactly(new MediaAction.PrepareReceiving("leader"));
        Transition observer = room.handle("observer", new ClientMessage.PrepareReceive());
        assertThat(observer.refusalCode()).isEqualTo(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE);
        assertThat(observer.media()).isEmpty();
    }

    @Test
    void leavingTheLobbyClosesTheReceivingConnectionWithThePublisher() {
        enter("leader", Role.HOST);
        for (String id : List.of("denied", "leaving", "gone")) {
            enter(id, Role.PETITIONER);
            room.handle(id, new ClientMessage.Publish("v=0"));
            room.handle(id, new ClientMessage.PrepareReceive());
        }

        assertThat(room.handle("leader", new ClientMessage.Remove("denied")).media()).containsExactly(
                new MediaAction.StopPublishing("denied", true), new MediaAction.StopForwardingTo("denied"));
        assertThat(room.handle("leaving", new ClientMessage.Leave()).media()).containsExactly(
                new MediaAction.StopPublishing("leaving", false), new MediaAction.StopForwardingTo("leaving"));
        room.connectionLost("gone", new ConnectionId("ws-gone"));
        clock.advance(Duration.ofSeconds(31));
        assertThat(room.tick().media()).containsExactly(
                new MediaAction.StopPublishing("gone", false), new MediaAction.StopForwardingTo("gone"));
    }

    @Test
    void afterAdmissionTheConnectionIsAnOrdinaryOneClosedWhenTheParticipantLeaves() {
        enter("leader", Role.HOST);
        enter("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));
        room.handle("petitioner", new ClientMessage.PrepareReceive());
        room.publishing("petitioner", true);
        room.handle("leader", new ClientMessage.Admit("petitioner"));

        assertThat(room.handle("petitioner", new ClientMessage.Subscribe(List.of("leader"))).refusalCode())
                .as("the leader does not publish").isEqualTo(ErrorCode.MEDIA_NOT_PUBLISHING);
        assertThat(room.handle("petitioner", new ClientMessage.Leave()).media()).containsExactly(
                new MediaAction.StopPublishing("petitioner", false), new MediaAction.StopForwardingTo("petitioner"));
    }

    private void enter(String id, Role role) {
        Transition t = room.join(new JoinGrant(BOOKING, ROOM, role, id, "name of " + id), new ConnectionId("ws-" + id));
        assertThat(t.refused()).as("join of %s refused: %s", id, t.refusal()).isFalse();
    }
}
