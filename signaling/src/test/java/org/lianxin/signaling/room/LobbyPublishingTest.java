package org.lianxin.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.ParticipantInfo;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/** Publishing to nobody from the lobby: the feed exists, invisible, until admission makes it only subscriptions. */
class LobbyPublishingTest {

    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final SessionRef BOOKING = SessionRef.reception("booking-42");
    private static final String ROOM = "room-7";

    private final RoomTest.MutableClock clock = new RoomTest.MutableClock(T0);
    private final Room room = new Room(ROOM, BOOKING, RoomSettings.defaults(), clock);

    @Test
    void aWaitingPetitionerIsToldToPublishAndItsOfferAndCandidatesGoToTheMediaLayer() {
        join("leader", Role.HOST);

        Transition joined = join("petitioner", Role.PETITIONER);

        assertThat(joined.messagesTo("petitioner")).hasSize(2).last().isEqualTo(new ServerMessage.PrepareMedia());
        assertThat(joined.messagesTo("leader")).singleElement().isInstanceOf(ServerMessage.ParticipantWaiting.class);
        assertThat(joined.media()).as("nothing on the node before it publishes").isEmpty();
        Transition publish = room.handle("petitioner", new ClientMessage.Publish("v=0 offer"));
        assertThat(publish.refused()).isFalse();
        assertThat(publish.media()).containsExactly(new MediaAction.StartPublishing("petitioner", "v=0 offer"));
        assertThat(publish.messages()).as("nobody is told").isEmpty();
        assertThat(publish.events()).isEmpty();
        IceCandidate candidate = new IceCandidate("candidate:1 1 udp 1 198.18.0.9 5000 typ host", "0", 0);
        Transition trickle = room.handle("petitioner", new ClientMessage.Trickle(PeerConnectionKind.PUBLISHER, candidate));
        assertThat(trickle.media()).containsExactly(
                new MediaAction.Trickle("petitioner", PeerConnectionKind.PUBLISHER, candidate));
    }

    @Test
    void aLobbyFeedThatIsUpIsInvisibleNotSubscribableAndNeverAPublishingEvent() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        join("observer", Role.OBSERVER);
        join("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));

        Transition up = room.publishing("petitioner", true);

        assertThat(up.messages()).as("told to nobody").isEmpty();
        assertThat(up.events()).as("nothing to record or forward").isEmpty();
        assertThat(up.media()).isEmpty();
        assertThat(room.member("petitioner").orElseThrow().info().publishing()).isFalse();
        for (String viewer : List.of("leader", "official", "observer")) {
            Transition subscribe = room.handle(viewer, new ClientMessage.Subscribe(List.of("petitioner")));
            assertThat(subscribe.refusalCode()).as(viewer).isEqualTo(ErrorCode.ROOM_PARTICIPANT_UNKNOWN);
            assertThat(subscribe.refusalCode().number()).isEqualTo(303);
            assertThat(subscribe.media()).isEmpty();
        }
        // a host joining now sees it waiting, not publishing
        ServerMessage.Joined second = (ServerMessage.Joined) join("leader-2", Role.HOST).messagesTo("leader-2").get(0);
        assertThat(second.waiting()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("petitioner");
            assertThat(p.publishing()).isFalse();
        });
        assertThat(second.participants()).extracting(ParticipantInfo::id).doesNotContain("petitioner");
    }

    @Test
    void admissionRevealsTheFeedAtOnceSoThatBothEndsOnlySubscribe() {
        join("leader", Role.HOST);
        room.publishing("leader", true);
        join("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));
        room.publishing("petitioner", true);
        clock.advance(Duration.ofSeconds(20));

        Transition admit = room.handle("leader", new ClientMessage.Admit("petitioner"));

        Instant at = T0.plusSeconds(20);
        ServerMessage.Admitted admitted = (ServerMessage.Admitted) admit.messagesTo("petitioner").get(0);
        assertThat(admitted.participants()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("leader");
            assertThat(p.publishing()).as("the petitioner subscribes at once").isTrue();
        });
        ServerMessage.ParticipantJoined shown = (ServerMessage.ParticipantJoined) admit.messagesTo("leader").get(0);
        assertThat(shown.participant().publishing()).as("the leader subscribes at once").isTrue();
        assertThat(admit.events()).containsExactly(
                new RoomEvent.ParticipantAdmitted("petitioner", Role.PETITIONER, at),
                new RoomEvent.PublishingStarted("petitioner", Role.PETITIONER, "name of petitioner", at));
        assertThat(admit.media()).as("the endpoint exists: no new publish").isEmpty();
        assertThat(room.handle("leader", new ClientMessage.Subscribe(List.of("petitioner"))).media())
                .containsExactly(new MediaAction.Subscribe("leader", List.of("petitioner")));
        assertThat(room.handle("petitioner", new ClientMessage.Subscribe(List.of("leader"))).media())
                .containsExactly(new MediaAction.Subscribe("petitioner", List.of("leader")));
        // the feed's later ups and downs are ordinary ones now
        assertThat(room.publishing("petitioner", true).events()).isEmpty();
        assertThat(room.publishing("petitioner", false).events()).containsExactly(
                new RoomEvent.PublishingStopped("petitioner", Role.PETITIONER, at));
    }

    @Test
    void aFeedNotUpYetAtAdmissionStartsPublishingWhenItComesUp() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));

        Transition admit = room.handle("leader", new ClientMessage.Admit("petitioner"));
        assertThat(admit.events()).containsExactly(new RoomEvent.ParticipantAdmitted("petitioner", Role.PETITIONER, T0));
        assertThat(((ServerMessage.ParticipantJoined) admit.messagesTo("leader").get(0)).participant().publishing())
                .isFalse();

        Transition up = room.publishing("petitioner", true);
        assertThat(up.messagesTo("leader")).containsExactly(new ServerMessage.ParticipantPublishing("petitioner", true));
        assertThat(up.events()).containsExactly(
                new RoomEvent.PublishingStarted("petitioner", Role.PETITIONER, "name of petitioner", T0));
    }

    @Test
    void aFeedThatWentDownInTheLobbyIsNotRevealedAtAdmission() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));
        room.publishing("petitioner", true);
        room.publishing("petitioner", false); // hung up (its ICE failed): it publishes again

        Transition admit = room.handle("leader", new ClientMessage.Admit("petitioner"));

        assertThat(admit.events()).containsExactly(new RoomEvent.ParticipantAdmitted("petitioner", Role.PETITIONER, T0));
        assertThat(room.member("petitioner").orElseThrow().info().publishing()).isFalse();
    }

    @Test
    void denyingLeavingOrTimingOutInTheLobbyClosesTheEndpointOnTheNode() {
        join("leader", Role.HOST);
        for (String id : List.of("denied", "leaving", "gone", "never-published")) {
            join(id, Role.PETITIONER);
            if (!id.equals("never-published")) {
                room.handle(id, new ClientMessage.Publish("v=0"));
            }
        }
        room.publishing("denied", true);
        room.publishing("leaving", true);

        assertThat(room.handle("leader", new ClientMessage.Remove("denied")).media())
                .containsExactly(new MediaAction.StopPublishing("denied", true));
        assertThat(room.handle("leaving", new ClientMessage.Leave()).media())
                .containsExactly(new MediaAction.StopPublishing("leaving", false));
        room.connectionLost("gone", new ConnectionId("ws-gone"));
        clock.advance(Duration.ofSeconds(31));
        Transition timedOut = room.tick();
        assertThat(timedOut.media()).as("asked to publish, not up yet: closed all the same")
                .containsExactly(new MediaAction.StopPublishing("gone", false));
        assertThat(timedOut.events()).noneMatch(e -> e instanceof RoomEvent.PublishingStopped);
        assertThat(room.handle("never-published", new ClientMessage.Leave()).media()).isEmpty();
    }

    @Test
    void aLostNodeForgetsTheLobbyFeedAndItsReturnTellsTheLobbyToPublishAgain() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));
        room.publishing("petitioner", true);

        Transition lost = room.mediaNodeLost("gone");
        assertThat(lost.events()).containsExactly(new RoomEvent.MediaNodeLost("gone", T0));
        Transition back = room.mediaNodeRestored();
        assertThat(back.messagesTo("petitioner")).containsExactly(new ServerMessage.PrepareMedia());

        Transition admit = room.handle("leader", new ClientMessage.Admit("petitioner"));
        assertThat(admit.events()).as("its old feed is gone with the node")
                .containsExactly(new RoomEvent.ParticipantAdmitted("petitioner", Role.PETITIONER, T0));
    }

    @Test
    void aReconnectInTheLobbyIsToldToPublishAgainAndReplacesItsEndpoint() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));
        room.connectionLost("petitioner", new ConnectionId("ws-petitioner"));

        Transition resumed = room.join(grant("petitioner", Role.PETITIONER), new ConnectionId("ws-petitioner-2"));

        assertThat(resumed.messagesTo("petitioner")).hasSize(2).last().isEqualTo(new ServerMessage.PrepareMedia());
        assertThat(room.handle("petitioner", new ClientMessage.Publish("v=0 again")).media())
                .containsExactly(new MediaAction.StartPublishing("petitioner", "v=0 again"));
    }

    @Test
    void theEndClosesTheMediaRoomWithTheLobbyFeedInIt() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));
        room.publishing("petitioner", true);

        Transition end = room.handle("leader", new ClientMessage.End());

        assertThat(end.media()).containsExactly(new MediaAction.CloseMediaRoom());
        assertThat(end.events()).as("it never published for anyone")
                .noneMatch(e -> e instanceof RoomEvent.PublishingStopped p && p.participantId().equals("petitioner"));
        assertThat(room.handle("petitioner", new ClientMessage.Publish("v=0")).refusalCode())
                .isEqualTo(ErrorCode.ROOM_ENDED);
        room.end(EndReason.HOST);
    }

    // ------------------------------------------------------------------ helpers

    private Transition join(String id, Role role) {
        Transition t = room.join(grant(id, role), new ConnectionId("ws-" + id));
        assertThat(t.refused()).as("join of %s refused: %s", id, t.refusal()).isFalse();
        return t;
    }

    private static JoinGrant grant(String id, Role role) {
        return new JoinGrant(BOOKING, ROOM, role, id, "name of " + id);
    }
}
