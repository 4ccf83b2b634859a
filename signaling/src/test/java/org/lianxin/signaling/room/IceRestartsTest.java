package org.lianxin.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/** ICE restarts through the pure room ({@link IceRestarts}): who may restart which connection, and what the media layer does. */
class IceRestartsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final SessionRef BOOKING = SessionRef.reception("booking-43");
    private static final String ROOM = "room-8";

    private final Room room = new Room(ROOM, BOOKING, RoomSettings.defaults(), new RoomTest.MutableClock(T0));

    private static final ClientMessage.RestartIce PUBLISHER = new ClientMessage.RestartIce(PeerConnectionKind.PUBLISHER,
            "v=0 restart");
    private static final ClientMessage.RestartIce SUBSCRIBER = new ClientMessage.RestartIce(PeerConnectionKind.SUBSCRIBER,
            null);

    private void join(String id, Role role) {
        Transition t = room.join(new JoinGrant(BOOKING, ROOM, role, id, "name of " + id), new ConnectionId("ws-" + id));
        assertThat(t.refused()).as("join of %s refused: %s", id, t.refusal()).isFalse();
    }

    @Test
    void aPublishingParticipantRestartsBothConnectionsThroughTheMediaLayer() {
        join("leader", Role.HOST);
        room.publishing("leader", true);

        Transition pub = room.handle("leader", PUBLISHER);
        Transition sub = room.handle("leader", SUBSCRIBER);

        assertThat(pub.refused()).isFalse();
        assertThat(pub.media()).containsExactly(
                new MediaAction.RestartIce("leader", PeerConnectionKind.PUBLISHER, "v=0 restart"));
        assertThat(pub.messages()).isEmpty();
        assertThat(sub.media()).containsExactly(new MediaAction.RestartIce("leader", PeerConnectionKind.SUBSCRIBER, null));
    }

    @Test
    void aPublisherConnectionThatNoLongerPublishesHasNothingToRestartAndPublishesAnew() {
        join("leader", Role.HOST);
        room.publishing("leader", true);
        room.publishing("leader", false); // the node hung its peer connection up

        Transition t = room.handle("leader", PUBLISHER);

        assertThat(t.refusalCode()).isEqualTo(ErrorCode.MEDIA_NOTHING_TO_RESTART);
        assertThat(t.media()).isEmpty();
        // the subscriber connection is the media layer's to judge
        assertThat(room.handle("leader", SUBSCRIBER).media()).hasSize(1);
    }

    @Test
    void anObserverHasNoPublisherConnectionAndTheLobbyNoMedia() {
        join("leader", Role.HOST);
        room.publishing("leader", true);
        join("observer", Role.OBSERVER);
        join("petitioner", Role.PETITIONER);

        assertThat(room.handle("observer", PUBLISHER).refusalCode()).isEqualTo(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE);
        assertThat(room.handle("observer", SUBSCRIBER).media())
                .containsExactly(new MediaAction.RestartIce("observer", PeerConnectionKind.SUBSCRIBER, null));
        assertThat(room.handle("petitioner", PUBLISHER).refusalCode()).isEqualTo(ErrorCode.ROOM_IN_LOBBY);
        assertThat(room.handle("petitioner", SUBSCRIBER).refusalCode()).isEqualTo(ErrorCode.ROOM_IN_LOBBY);
    }
}
