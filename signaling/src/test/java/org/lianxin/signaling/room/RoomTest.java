package org.lianxin.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.LobbyStatus;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.ParticipantInfo;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.protocol.ServerMessage.LeaveReason;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

class RoomTest {

    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private static final SessionRef BOOKING = SessionRef.reception("booking-42");
    private static final String ROOM = "room-7";

    private final MutableClock clock = new MutableClock(T0);
    private final Room room = new Room(ROOM, BOOKING, RoomSettings.defaults(), clock);

    // ------------------------------------------------------------------ joining and the lobby

    @Test
    void theHostJoinsStraightIntoTheSession() {
        Transition t = join("leader", Role.HOST);

        ServerMessage.Joined joined = onlyJoined(t, "leader");
        assertThat(joined.you().role()).isEqualTo(Role.HOST);
        assertThat(joined.lobby()).isNull();
        assertThat(joined.resumed()).isFalse();
        assertThat(t.events()).containsExactly(new RoomEvent.ParticipantEntered("leader", Role.HOST, false, T0));
    }

    @Test
    void aPetitionerJoinsIntoTheLobbySeesNobodyAndIsShownToTheHost() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);

        Transition t = join("petitioner", Role.PETITIONER);

        ServerMessage.Joined joined = onlyJoined(t, "petitioner");
        assertThat(joined.participants()).isEmpty();
        assertThat(joined.waiting()).isEmpty();
        assertThat(joined.lobby()).isEqualTo(new LobbyStatus(1, 0));
        assertThat(t.messagesTo("leader")).singleElement().isInstanceOf(ServerMessage.ParticipantWaiting.class);
        assertThat(t.messagesTo("official")).singleElement().isInstanceOf(ServerMessage.ParticipantWaiting.class);
        assertThat(room.member("petitioner").orElseThrow().inLobby()).isTrue();
        // A host joining later sees the lobby in its joined message.
        ServerMessage.Joined second = onlyJoined(join("leader-2", Role.HOST), "leader-2");
        assertThat(second.waiting()).extracting(ParticipantInfo::id).containsExactly("petitioner");
        assertThat(second.participants()).extracting(ParticipantInfo::id).containsExactly("leader", "official");
    }

    @Test
    void aPetitionerInTheLobbyCanNeitherSubscribeNorRestartAReceivingConnection() {
        join("leader", Role.HOST);
        room.publishing("leader", true);
        join("petitioner", Role.PETITIONER);

        // (its own receiving connection, which carries nothing, it may make, answer and trickle for:
        // ReceivingConnectionTest)
        for (ClientMessage m : List.of(new ClientMessage.Subscribe(List.of("leader")),
                new ClientMessage.RestartIce(PeerConnectionKind.SUBSCRIBER, null))) {
            Transition t = room.handle("petitioner", m);

            assertThat(t.refusalCode()).as(m.toString()).isEqualTo(ErrorCode.ROOM_IN_LOBBY);
            assertThat(t.media()).isEmpty();
            assertThat(t.messages()).isEmpty();
        }
    }

    @Test
    void aPetitionerAdmittingItselfIsRefusedAndStaysInTheLobby() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);

        Transition t = room.handle("petitioner", new ClientMessage.Admit("petitioner"));

        assertThat(t.refusalCode()).isEqualTo(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE);
        assertThat(t.refusalCode().number()).isBetween(300, 399);
        assertThat(t.messages()).isEmpty();
        assertThat(t.events()).isEmpty();
        assertThat(room.member("petitioner").orElseThrow().inLobby()).isTrue();
    }

    @Test
    void onlyTheHostMayAdmitMuteUnmuteRemoveOrEnd() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        join("observer", Role.OBSERVER);
        join("petitioner", Role.PETITIONER);
        room.handle("leader", new ClientMessage.Admit("petitioner"));
        join("petitioner-2", Role.PETITIONER);

        for (String who : List.of("official", "observer", "petitioner")) {
            for (ClientMessage m : List.of(new ClientMessage.Admit("petitioner-2"),
                    new ClientMessage.Mute("leader", MediaKind.AUDIO), new ClientMessage.Unmute("leader", MediaKind.AUDIO),
                    new ClientMessage.Remove("leader"), new ClientMessage.End())) {
                Transition t = room.handle(who, m);

                assertThat(t.refusalCode()).as(who + " " + m).isEqualTo(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE);
                assertThat(t.messages()).isEmpty();
                assertThat(t.media()).isEmpty();
            }
        }
        assertThat(room.isEnded()).isFalse();
        assertThat(room.members()).hasSize(5);
        assertThat(room.member("petitioner-2").orElseThrow().inLobby()).isTrue();
    }

    @Test
    void theHostAdmitsThePetitionerWhoThenSeesTheSessionButNoObserver() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        join("observer", Role.OBSERVER);
        join("petitioner", Role.PETITIONER);

        Transition t = room.handle("leader", new ClientMessage.Admit("petitioner"));

        assertThat(t.refused()).isFalse();
        ServerMessage.Admitted admitted = (ServerMessage.Admitted) t.messagesTo("petitioner").get(0);
        assertThat(admitted.participants()).extracting(ParticipantInfo::id).containsExactly("leader", "official");
        for (String other : List.of("leader", "official", "observer")) {
            assertThat(t.messagesTo(other)).singleElement().isInstanceOfSatisfying(
                    ServerMessage.ParticipantJoined.class, j -> assertThat(j.participant().id()).isEqualTo("petitioner"));
        }
        assertThat(t.events()).containsExactly(new RoomEvent.ParticipantAdmitted("petitioner", Role.PETITIONER, T0));
        assertThat(room.member("petitioner").orElseThrow().inLobby()).isFalse();
    }

    @Test
    void anObserverIsNeverListedToThePetitioner() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);
        room.handle("leader", new ClientMessage.Admit("petitioner"));

        Transition observerJoins = join("observer", Role.OBSERVER);
        assertThat(observerJoins.messagesTo("petitioner")).isEmpty();
        assertThat(observerJoins.messagesTo("leader")).hasSize(1);

        room.connectionLost("petitioner", conn("petitioner"));
        ServerMessage.Joined rejoined = onlyJoined(room.join(grant("petitioner", Role.PETITIONER), conn("petitioner'")),
                "petitioner");
        assertThat(rejoined.participants()).extracting(ParticipantInfo::id).containsExactly("leader");

        assertThat(room.handle("petitioner", new ClientMessage.Subscribe(List.of("observer"))).refusalCode())
                .isEqualTo(ErrorCode.ROOM_PARTICIPANT_UNKNOWN);
        assertThat(room.handle("observer", new ClientMessage.Leave()).messagesTo("petitioner")).isEmpty();
    }

    @Test
    void anObserverReceivesButMayNotPublish() {
        join("leader", Role.HOST);
        room.publishing("leader", true);
        join("observer", Role.OBSERVER);

        assertThat(room.handle("observer", new ClientMessage.Publish("v=0")).refusalCode())
                .isEqualTo(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE);
        assertThat(room.handle("observer", new ClientMessage.Subscribe(List.of("leader"))).media())
                .containsExactly(new MediaAction.Subscribe("observer", List.of("leader")));
    }

    @Test
    void admittedParticipantsPublishSubscribeAnswerAndTrickleThroughTheMediaLayer() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);
        room.handle("leader", new ClientMessage.Admit("petitioner"));

        assertThat(room.handle("petitioner", new ClientMessage.Publish("offer")).media())
                .containsExactly(new MediaAction.StartPublishing("petitioner", "offer"));
        Transition published = room.publishing("petitioner", true);
        assertThat(published.messagesTo("leader"))
                .containsExactly(new ServerMessage.ParticipantPublishing("petitioner", true));
        assertThat(room.handle("leader", new ClientMessage.Subscribe(List.of("petitioner"))).media())
                .containsExactly(new MediaAction.Subscribe("leader", List.of("petitioner")));
        assertThat(room.handle("leader", new ClientMessage.Answer("answer")).media())
                .containsExactly(new MediaAction.StartReceiving("leader", "answer"));
        IceCandidate c = new IceCandidate("candidate:1", "0", 0);
        assertThat(room.handle("leader", new ClientMessage.Trickle(PeerConnectionKind.SUBSCRIBER, c)).media())
                .containsExactly(new MediaAction.Trickle("leader", PeerConnectionKind.SUBSCRIBER, c));
    }

    @Test
    void subscribingToSomeoneNotPublishingOrUnknownIsRefused() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        join("petitioner", Role.PETITIONER);

        assertThat(room.handle("leader", new ClientMessage.Subscribe(List.of("official"))).refusalCode())
                .isEqualTo(ErrorCode.MEDIA_NOT_PUBLISHING);
        assertThat(room.handle("leader", new ClientMessage.Subscribe(List.of("nobody"))).refusalCode())
                .isEqualTo(ErrorCode.ROOM_PARTICIPANT_UNKNOWN);
        assertThat(room.handle("leader", new ClientMessage.Subscribe(List.of("petitioner"))).refusalCode())
                .isEqualTo(ErrorCode.ROOM_PARTICIPANT_UNKNOWN);
        assertThat(room.handle("leader", new ClientMessage.Subscribe(List.of("leader"))).refusalCode())
                .isEqualTo(ErrorCode.ROOM_PARTICIPANT_UNKNOWN);
    }

    @Test
    void admittingSomeoneNotWaitingIsRefused() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);

        assertThat(room.handle("leader", new ClientMessage.Admit("official")).refusalCode())
                .isEqualTo(ErrorCode.ROOM_PARTICIPANT_UNKNOWN);
        assertThat(room.handle("leader", new ClientMessage.Admit("nobody")).refusalCode())
                .isEqualTo(ErrorCode.ROOM_PARTICIPANT_UNKNOWN);
    }

    // ------------------------------------------------------------------ moderation

    @Test
    void theHostMutingSomeoneStopsTheStreamServerSideAndTellsEveryone() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        join("petitioner", Role.PETITIONER);
        room.handle("leader", new ClientMessage.Admit("petitioner"));

        Transition t = room.handle("leader", new ClientMessage.Mute("official", MediaKind.AUDIO));

        assertThat(t.media()).containsExactly(new MediaAction.MuteStream("official", MediaKind.AUDIO, true));
        ServerMessage muted = new ServerMessage.Muted("official", MediaKind.AUDIO, true);
        assertThat(t.messagesTo("official")).containsExactly(muted);
        assertThat(t.messagesTo("leader")).containsExactly(muted);
        assertThat(t.messagesTo("petitioner")).containsExactly(muted);
        assertThat(room.member("official").orElseThrow().info().audioMuted()).isTrue();

        assertThat(room.handle("leader", new ClientMessage.Mute("official", MediaKind.AUDIO)).media())
                .as("muting twice changes nothing").isEmpty();
        assertThat(room.handle("leader", new ClientMessage.Unmute("official", MediaKind.AUDIO)).media())
                .containsExactly(new MediaAction.MuteStream("official", MediaKind.AUDIO, false));
    }

    @Test
    void mutingSomeoneInTheLobbyIsRefused() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);

        assertThat(room.handle("leader", new ClientMessage.Mute("petitioner", MediaKind.VIDEO)).refusalCode())
                .isEqualTo(ErrorCode.ROOM_PARTICIPANT_UNKNOWN);
    }

    @Test
    void aRemovedParticipantIsKickedFromTheMediaAndCannotJoinAgain() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        join("petitioner", Role.PETITIONER);
        room.handle("leader", new ClientMessage.Admit("petitioner"));

        Transition t = room.handle("leader", new ClientMessage.Remove("petitioner"));

        assertThat(t.messagesTo("petitioner")).containsExactly(new ServerMessage.Removed());
        assertThat(t.closes()).containsExactly(new CloseConnection(conn("petitioner"), null));
        assertThat(t.messagesTo("leader")).containsExactly(new ServerMessage.ParticipantLeft("petitioner", LeaveReason.REMOVED));
        assertThat(t.messagesTo("official")).containsExactly(new ServerMessage.ParticipantLeft("petitioner", LeaveReason.REMOVED));
        assertThat(t.media()).containsExactly(new MediaAction.StopPublishing("petitioner", true),
                new MediaAction.StopForwardingTo("petitioner"));
        assertThat(room.member("petitioner")).isEmpty();

        Transition again = room.join(grant("petitioner", Role.PETITIONER), conn("petitioner-again"));
        assertThat(again.refusalCode()).isEqualTo(ErrorCode.ROOM_PARTICIPANT_REMOVED);
        assertThat(room.member("petitioner")).isEmpty();
    }

    @Test
    void theHostCannotBeRemoved() {
        join("leader", Role.HOST);

        assertThat(room.handle("leader", new ClientMessage.Remove("leader")).refusalCode())
                .isEqualTo(ErrorCode.ROOM_NOT_ALLOWED_FOR_ROLE);
    }

    @Test
    void endingSendsEndedToEveryoneIncludingTheLobbyAndClosesTheMediaRoom() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        join("observer", Role.OBSERVER);
        join("petitioner", Role.PETITIONER);

        Transition t = room.handle("leader", new ClientMessage.End());

        for (String who : List.of("leader", "official", "observer", "petitioner")) {
            assertThat(t.messagesTo(who)).as(who).containsExactly(new ServerMessage.Ended(EndReason.HOST));
        }
        assertThat(t.closes()).hasSize(4);
        assertThat(t.media()).containsExactly(new MediaAction.CloseMediaRoom());
        assertThat(t.events()).containsExactly(new RoomEvent.SessionEnded(EndReason.HOST, T0));
        assertThat(room.isEnded()).isTrue();
        assertThat(room.join(grant("official", Role.OFFICIAL), conn("late")).refusalCode())
                .isEqualTo(ErrorCode.ROOM_ENDED);
        assertThat(room.handle("leader", new ClientMessage.Heartbeat()).refusalCode()).isEqualTo(ErrorCode.ROOM_ENDED);
        assertThat(room.end(EndReason.SERVER).messages()).as("ending twice").isEmpty();
    }

    @Test
    void theScheduleCanEndTheSessionFromOutside() {
        join("leader", Role.HOST);

        Transition t = room.end(EndReason.SCHEDULE);

        assertThat(t.messagesTo("leader")).containsExactly(new ServerMessage.Ended(EndReason.SCHEDULE));
        assertThat(room.isEnded()).isTrue();
    }

    // ------------------------------------------------------------------ reconnect

    @Test
    void aReconnectWithin30sResumesWithoutReadmission() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);
        room.handle("leader", new ClientMessage.Admit("petitioner"));
        room.handle("leader", new ClientMessage.Mute("petitioner", MediaKind.VIDEO));

        Transition lost = room.connectionLost("petitioner", conn("petitioner"));
        assertThat(lost.messagesTo("leader")).containsExactly(new ServerMessage.ParticipantConnection("petitioner", false));
        assertThat(lost.media()).isEmpty();
        clock.advance(Duration.ofSeconds(29));

        Transition back = room.join(grant("petitioner", Role.PETITIONER), conn("petitioner-2"));

        ServerMessage.Joined joined = onlyJoined(back, "petitioner");
        assertThat(joined.resumed()).isTrue();
        assertThat(joined.lobby()).isNull();
        assertThat(joined.you().videoMuted()).isTrue();
        assertThat(joined.participants()).extracting(ParticipantInfo::id).containsExactly("leader");
        assertThat(back.messagesTo("leader")).containsExactly(new ServerMessage.ParticipantConnection("petitioner", true));
        assertThat(back.events()).isEmpty();
        assertThat(room.handle("petitioner", new ClientMessage.Publish("restart")).media())
                .containsExactly(new MediaAction.StartPublishing("petitioner", "restart"));
    }

    @Test
    void aPetitionerInTheLobbyWhoReconnectsKeepsItsPlace() {
        join("leader", Role.HOST);
        join("first", Role.PETITIONER);
        join("second", Role.PETITIONER);

        room.connectionLost("first", conn("first"));
        clock.advance(Duration.ofSeconds(10));
        ServerMessage.Joined joined = onlyJoined(room.join(grant("first", Role.PETITIONER), conn("first-2")), "first");

        assertThat(joined.lobby().position()).isEqualTo(1);
        assertThat(joined.resumed()).isTrue();
    }

    @Test
    void placesHeldFromALostInstanceAreResumedByTheirParticipantsWithTheirRoleAndAdmission() {
        room.holdPlaces(List.of(new Room.HeldPlace("leader", "name of leader", Role.HOST, true, false, false),
                new Room.HeldPlace("petitioner", "name of petitioner", Role.PETITIONER, true, false, true),
                new Room.HeldPlace("late", "name of late", Role.PETITIONER, false, false, false)));

        assertThat(room.members()).extracting(m -> m.info().id(), m -> m.info().connected(), Room.MemberView::inLobby)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("leader", false, false),
                        org.assertj.core.groups.Tuple.tuple("petitioner", false, false),
                        org.assertj.core.groups.Tuple.tuple("late", false, true));
        assertThat(room.holdsPlaceOf("petitioner")).isTrue();
        assertThat(room.nextDeadline()).contains(T0.plusSeconds(30));

        ServerMessage.Joined leader = onlyJoined(room.join(grant("leader", Role.HOST), conn("leader")), "leader");
        Transition t = room.join(grant("petitioner", Role.PETITIONER), conn("petitioner"));
        ServerMessage.Joined petitioner = onlyJoined(t, "petitioner");

        assertThat(leader.resumed()).isTrue();
        assertThat(petitioner.resumed()).isTrue();
        assertThat(petitioner.lobby()).isNull(); // admitted before: no new admission
        assertThat(petitioner.you().videoMuted()).isTrue(); // the host's mute stands
        assertThat(t.media()).isEmpty(); // nothing made anew on the media node
        assertThat(t.events()).isEmpty(); // not a new entry
        assertThat(t.messagesTo("leader")).containsExactly(new ServerMessage.ParticipantConnection("petitioner", true));
        ServerMessage.Joined late = onlyJoined(room.join(grant("late", Role.PETITIONER), conn("late")), "late");
        assertThat(late.resumed()).isTrue();
        assertThat(late.lobby()).isNotNull(); // still waiting for admission
    }

    @Test
    void aHeldPlaceIsTakenOnlyWithItsRoleAndIsGoneAfterTheGrace() {
        room.holdPlaces(List.of(new Room.HeldPlace("leader", "n", Role.HOST, true, false, false),
                new Room.HeldPlace("official", "o", Role.OFFICIAL, true, false, false)));

        assertThat(room.join(grant("leader", Role.OFFICIAL), conn("x")).refusal().code())
                .isEqualTo(ErrorCode.ROOM_ROLE_CONFLICT);
        join("leader", Role.HOST);
        clock.advance(Duration.ofSeconds(30));
        Transition t = room.tick();

        assertThat(t.events()).containsExactly(
                new RoomEvent.ParticipantLeft("official", Role.OFFICIAL, LeaveReason.TIMED_OUT, T0.plusSeconds(30)));
        assertThat(room.member("official")).isEmpty();
        assertThat(room.member("leader")).isPresent();
    }

    @Test
    void placesAreHeldOnlyInARoomNobodyJoined() {
        join("leader", Role.HOST);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> room.holdPlaces(List.of(
                new Room.HeldPlace("official", "o", Role.OFFICIAL, true, false, false))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void after30sTheParticipantIsGoneAndTheOthersAreTold() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        room.connectionLost("official", conn("official"));
        assertThat(room.nextDeadline()).contains(T0.plusSeconds(30));

        clock.advance(Duration.ofSeconds(30));
        Transition t = room.tick();

        assertThat(t.messagesTo("leader")).containsExactly(new ServerMessage.ParticipantLeft("official", LeaveReason.TIMED_OUT));
        assertThat(t.messagesTo("official")).isEmpty();
        assertThat(t.media()).containsExactly(new MediaAction.StopPublishing("official", false),
                new MediaAction.StopForwardingTo("official"));
        assertThat(t.events()).containsExactly(
                new RoomEvent.ParticipantLeft("official", Role.OFFICIAL, LeaveReason.TIMED_OUT, T0.plusSeconds(30)));
        assertThat(room.member("official")).isEmpty();
        assertThat(room.nextDeadline()).isEmpty();
    }

    @Test
    void aPetitionerReturningAfterTheGraceWaitsInTheLobbyAgain() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);
        room.handle("leader", new ClientMessage.Admit("petitioner"));
        room.connectionLost("petitioner", conn("petitioner"));
        clock.advance(Duration.ofSeconds(31));

        Transition t = room.join(grant("petitioner", Role.PETITIONER), conn("petitioner-2"));

        ServerMessage.Joined joined = onlyJoined(t, "petitioner");
        assertThat(joined.resumed()).isFalse();
        assertThat(joined.lobby()).isNotNull();
        assertThat(t.messagesTo("leader")).containsExactly(
                new ServerMessage.ParticipantLeft("petitioner", LeaveReason.TIMED_OUT),
                new ServerMessage.ParticipantWaiting(room.member("petitioner").orElseThrow().info()));
        assertThat(room.holdsPlaceOf("petitioner")).isTrue();
    }

    @Test
    void theRoomHoldsAPlaceOnlyWithinTheGrace() {
        join("official", Role.OFFICIAL);
        room.connectionLost("official", conn("official"));

        clock.advance(Duration.ofSeconds(29));
        assertThat(room.holdsPlaceOf("official")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(room.holdsPlaceOf("official")).isFalse();
        assertThat(room.holdsPlaceOf("stranger")).isFalse();
    }

    @Test
    void aSecondConnectionOfTheSameParticipantReplacesTheFirst() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);

        Transition t = room.join(grant("official", Role.OFFICIAL), conn("official-new"));

        assertThat(onlyJoined(t, "official").resumed()).isTrue();
        assertThat(t.closes()).containsExactly(new CloseConnection(conn("official"), ErrorCode.ROOM_CONNECTION_REPLACED));
        assertThat(t.messagesTo("leader")).isEmpty();

        Transition stale = room.connectionLost("official", conn("official"));
        assertThat(stale.messages()).as("the old connection's close comes late and is ignored").isEmpty();
        assertThat(room.member("official").orElseThrow().info().connected()).isTrue();
    }

    @Test
    void messagesGoOnlyToConnectedParticipants() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        room.connectionLost("official", conn("official"));

        Transition t = join("official-2", Role.OFFICIAL);

        assertThat(t.messagesTo("official")).isEmpty();
        assertThat(t.messagesTo("leader")).hasSize(1);
        assertThat(room.handle("official", new ClientMessage.Heartbeat()).refusalCode())
                .isEqualTo(ErrorCode.ROOM_NOT_JOINED);
    }

    @Test
    void leavingFreesThePlaceAtOnce() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);

        Transition t = room.handle("official", new ClientMessage.Leave());

        assertThat(t.messagesTo("leader")).containsExactly(new ServerMessage.ParticipantLeft("official", LeaveReason.LEFT));
        assertThat(t.closes()).containsExactly(new CloseConnection(conn("official"), null));
        assertThat(t.media()).contains(new MediaAction.StopPublishing("official", false));
        assertThat(room.member("official")).isEmpty();
    }

    // ------------------------------------------------------------------ joining with a token

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aValidTokenJoinsAndABadOneIsRefusedWithItsOwnCode() {
        JoinTokens tokens = new JoinTokens(SECRET, clock);
        String token = tokens.issue(grant("leader", Role.HOST));

        assertThat(onlyJoined(room.join(tokens, token, conn("leader")), "leader").you().id()).isEqualTo("leader");

        String forged = new JoinTokens("another secret, also 32 bytes long".getBytes(StandardCharsets.US_ASCII), clock)
                .issue(grant("official", Role.OFFICIAL));
        assertThat(room.join(tokens, forged, conn("official")).refusalCode()).isEqualTo(ErrorCode.TOKEN_BAD_SIGNATURE);
        String otherRoom = tokens.issue(new JoinGrant(BOOKING, "room-8", Role.OFFICIAL, "official", "o"));
        assertThat(room.join(tokens, otherRoom, conn("official")).refusalCode()).isEqualTo(ErrorCode.TOKEN_WRONG_ROOM);
        assertThat(room.join(tokens, "garbage", conn("official")).refusalCode()).isEqualTo(ErrorCode.TOKEN_MALFORMED);
        assertThat(room.members()).hasSize(1);
    }

    @Test
    void anExpiredTokenResumesAHeldPlaceButStartsNoNewJoin() {
        JoinTokens tokens = new JoinTokens(SECRET, clock);
        String petitionerToken = tokens.issue(grant("petitioner", Role.PETITIONER));
        String lateToken = tokens.issue(grant("late", Role.OFFICIAL));
        join("leader", Role.HOST);
        room.join(tokens, petitionerToken, conn("petitioner"));
        room.handle("leader", new ClientMessage.Admit("petitioner"));

        clock.advance(Duration.ofMinutes(40)); // the session runs on; both tokens expired long ago
        room.connectionLost("petitioner", conn("petitioner"));
        clock.advance(Duration.ofSeconds(20));

        ServerMessage.Joined back = onlyJoined(room.join(tokens, petitionerToken, conn("petitioner-2")), "petitioner");
        assertThat(back.resumed()).isTrue();
        assertThat(back.lobby()).as("no new admission").isNull();
        assertThat(room.join(tokens, lateToken, conn("late")).refusalCode()).isEqualTo(ErrorCode.TOKEN_EXPIRED);
    }

    // ------------------------------------------------------------------ refusals at the door

    @Test
    void aConsultationRoomRefusesAPetitioner() {
        SessionRef consultation = SessionRef.consultation("c-1");
        Room officialsOnly = new Room("room-c", consultation, RoomSettings.defaults(), clock);

        Transition t = officialsOnly.join(new JoinGrant(consultation, "room-c", Role.PETITIONER, "p", "张三"), conn("p"));

        assertThat(t.refusalCode()).isEqualTo(ErrorCode.ROOM_ROLE_NOT_IN_SESSION);
        assertThat(officialsOnly.members()).isEmpty();
        assertThat(officialsOnly.join(new JoinGrant(consultation, "room-c", Role.OFFICIAL, "o", "李四"), conn("o"))
                .refused()).isFalse();
    }

    @Test
    void aGrantForAnotherSessionOrRoomIsRefused() {
        assertThat(room.join(new JoinGrant(SessionRef.reception("booking-43"), ROOM, Role.HOST, "h", "h"), conn("h"))
                .refusalCode()).isEqualTo(ErrorCode.ROOM_SESSION_MISMATCH);
        assertThat(room.join(new JoinGrant(BOOKING, "room-8", Role.HOST, "h", "h"), conn("h")).refusalCode())
                .isEqualTo(ErrorCode.TOKEN_WRONG_ROOM);
    }

    @Test
    void theSameParticipantWithAnotherRoleIsRefused() {
        join("someone", Role.OFFICIAL);

        assertThat(room.join(grant("someone", Role.HOST), conn("someone-2")).refusalCode())
                .isEqualTo(ErrorCode.ROOM_ROLE_CONFLICT);
    }

    @Test
    void aJoinOnAConnectionAlreadyJoinedIsRefused() {
        join("leader", Role.HOST);

        assertThat(room.join(grant("other", Role.OFFICIAL), conn("leader")).refusalCode())
                .isEqualTo(ErrorCode.ROOM_ALREADY_JOINED);
        assertThat(room.handle("leader", new ClientMessage.Join("token")).refusalCode())
                .isEqualTo(ErrorCode.ROOM_ALREADY_JOINED);
    }

    @Test
    void aHeartbeatIsAcknowledged() {
        join("leader", Role.HOST);

        assertThat(room.handle("leader", new ClientMessage.Heartbeat()).messagesTo("leader"))
                .containsExactly(new ServerMessage.HeartbeatAck());
    }

    // ------------------------------------------------------------------ lobby position and wait

    @Test
    void theLobbyShowsPositionAndTheWaitWhileTheHostsPreviousSessionRunsOver() {
        join("leader", Role.HOST);
        join("first", Role.PETITIONER);
        join("second", Role.PETITIONER);

        Transition overrun = room.hostBusyUntil(T0.plus(Duration.ofMinutes(7)));

        assertThat(overrun.messagesTo("first")).containsExactly(new ServerMessage.Lobby(new LobbyStatus(1, 420)));
        assertThat(overrun.messagesTo("second")).containsExactly(
                new ServerMessage.Lobby(new LobbyStatus(2, 420 + 15 * 60)));
        assertThat(overrun.messagesTo("leader")).isEmpty();

        clock.advance(Duration.ofMinutes(7));
        Transition admitFirst = room.handle("leader", new ClientMessage.Admit("first"));
        assertThat(admitFirst.messagesTo("second")).containsExactly(new ServerMessage.Lobby(new LobbyStatus(1, 0)));

        Transition later = room.hostBusyUntil(clock.instant().plusSeconds(90).plusMillis(1));
        assertThat(later.messagesTo("second")).containsExactly(new ServerMessage.Lobby(new LobbyStatus(1, 91)));
        assertThat(room.hostBusyUntil(clock.instant().plusSeconds(90).plusMillis(1)).messages())
                .as("an unchanged estimate is not sent again").isEmpty();
    }

    @Test
    void aNewPetitionerJoinsAtTheEndOfTheQueueWithTheCurrentEstimate() {
        join("leader", Role.HOST);
        room.hostBusyUntil(T0.plus(Duration.ofMinutes(5)));
        join("first", Role.PETITIONER);

        ServerMessage.Joined second = onlyJoined(join("second", Role.PETITIONER), "second");

        assertThat(second.lobby()).isEqualTo(new LobbyStatus(2, 300 + 900));
    }

    @Test
    void whenSomeoneAheadLeavesTheLobbyTheOthersMoveUp() {
        join("leader", Role.HOST);
        join("first", Role.PETITIONER);
        join("second", Role.PETITIONER);
        room.connectionLost("first", conn("first"));

        clock.advance(Duration.ofSeconds(30));
        Transition t = room.tick();

        assertThat(t.messagesTo("second")).containsExactly(new ServerMessage.Lobby(new LobbyStatus(1, 0)));
        assertThat(t.messagesTo("leader")).containsExactly(new ServerMessage.ParticipantLeft("first", LeaveReason.TIMED_OUT));
    }

    @Test
    void badSettingsAreAllListedAtOnce() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new RoomSettings(Duration.ZERO, Duration.ofHours(-1)))
                .hasMessageContaining("reconnectGrace")
                .hasMessageContaining("lobbyTurnEstimate");
    }

    // ------------------------------------------------------------------ events for recording

    @Test
    void publishingStartsAndStopsAreEventsOnlyWhenTheyChangeSomething() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);

        Transition up = room.publishing("official", true);
        assertThat(up.events()).containsExactly(
                new RoomEvent.PublishingStarted("official", Role.OFFICIAL, "name of official", T0));
        assertThat(up.messagesTo("leader")).containsExactly(new ServerMessage.ParticipantPublishing("official", true));
        assertThat(room.publishing("official", true).events()).as("already publishing").isEmpty();

        clock.advance(Duration.ofSeconds(3));
        Transition down = room.publishing("official", false);
        assertThat(down.events()).containsExactly(
                new RoomEvent.PublishingStopped("official", Role.OFFICIAL, T0.plusSeconds(3)));
        assertThat(room.publishing("official", false).events()).as("not publishing").isEmpty();
    }

    @Test
    void aPetitionerInTheLobbyNeverStartsPublishingForAnyone() {
        join("leader", Role.HOST);
        join("petitioner", Role.PETITIONER);

        assertThat(room.publishing("petitioner", true).events()).isEmpty();
        assertThat(room.publishing("nobody", true).events()).isEmpty();
    }

    @Test
    void leavingRemovalTimeoutAndTheEndStopPublishingBeforeTheParticipantLeaves() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        join("petitioner", Role.PETITIONER);
        join("observer", Role.OBSERVER);
        room.handle("leader", new ClientMessage.Admit("petitioner"));
        for (String id : List.of("leader", "official", "petitioner")) {
            room.publishing(id, true);
        }

        assertThat(room.handle("official", new ClientMessage.Leave()).events()).containsExactly(
                new RoomEvent.PublishingStopped("official", Role.OFFICIAL, T0),
                new RoomEvent.ParticipantLeft("official", Role.OFFICIAL, LeaveReason.LEFT, T0));
        assertThat(room.handle("leader", new ClientMessage.Remove("petitioner")).events()).containsExactly(
                new RoomEvent.PublishingStopped("petitioner", Role.PETITIONER, T0),
                new RoomEvent.ParticipantLeft("petitioner", Role.PETITIONER, LeaveReason.REMOVED, T0));
        assertThat(room.handle("leader", new ClientMessage.Leave()).events())
                .as("the host published: stopped first").first()
                .isEqualTo(new RoomEvent.PublishingStopped("leader", Role.HOST, T0));

        // a timeout: the observer never published, so it only leaves
        room.connectionLost("observer", conn("observer"));
        clock.advance(RoomSettings.defaults().reconnectGrace());
        assertThat(room.tick().events()).containsExactly(new RoomEvent.ParticipantLeft("observer", Role.OBSERVER,
                LeaveReason.TIMED_OUT, T0.plus(RoomSettings.defaults().reconnectGrace())));
    }

    @Test
    void theEndStopsEveryFeedBeforeTheSessionEnds() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        room.publishing("official", true);

        assertThat(room.end(EndReason.SCHEDULE).events()).containsExactly(
                new RoomEvent.PublishingStopped("official", Role.OFFICIAL, T0),
                new RoomEvent.SessionEnded(EndReason.SCHEDULE, T0));
    }

    @Test
    void theHostsMuteAndUnmuteAreEventsNamingTheHost() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);

        assertThat(room.handle("leader", new ClientMessage.Mute("official", MediaKind.VIDEO)).events()).containsExactly(
                new RoomEvent.MediaMuted("official", Role.OFFICIAL, MediaKind.VIDEO, true, "leader", T0));
        assertThat(room.handle("leader", new ClientMessage.Mute("official", MediaKind.VIDEO)).events())
                .as("muting twice").isEmpty();
        assertThat(room.handle("leader", new ClientMessage.Unmute("official", MediaKind.VIDEO)).events()).containsExactly(
                new RoomEvent.MediaMuted("official", Role.OFFICIAL, MediaKind.VIDEO, false, "leader", T0));
        assertThat(room.handle("official", new ClientMessage.Mute("leader", MediaKind.AUDIO)).events())
                .as("refused").isEmpty();
    }

    @Test
    void aLostMediaNodeStopsEveryFeedAndItsReturnTellsTheSessionToPublishAgain() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);
        join("observer", Role.OBSERVER);
        join("petitioner", Role.PETITIONER); // waits in the lobby
        join("away", Role.OFFICIAL);
        room.publishing("leader", true);
        room.publishing("official", true);
        room.connectionLost("away", conn("away"));

        Transition lost = room.mediaNodeLost("WebSocket closed");
        assertThat(lost.events()).containsExactly(
                new RoomEvent.PublishingStopped("leader", Role.HOST, T0),
                new RoomEvent.PublishingStopped("official", Role.OFFICIAL, T0),
                new RoomEvent.MediaNodeLost("WebSocket closed", T0));
        assertThat(lost.messagesTo("observer")).containsExactly(new ServerMessage.ParticipantPublishing("leader", false),
                new ServerMessage.ParticipantPublishing("official", false));
        assertThat(lost.messagesTo("petitioner")).isEmpty();
        assertThat(room.isEnded()).isFalse();
        assertThat(room.member("leader").orElseThrow().info().publishing()).isFalse();

        clock.advance(Duration.ofSeconds(4));
        Transition back = room.mediaNodeRestored();
        assertThat(back.events()).containsExactly(new RoomEvent.MediaNodeRestored(T0.plusSeconds(4)));
        for (String id : List.of("leader", "official", "observer")) {
            assertThat(back.messagesTo(id)).as(id).containsExactly(new ServerMessage.MediaRestarted());
        }
        assertThat(back.messagesTo("petitioner")).as("the lobby publishes to nobody again")
                .containsExactly(new ServerMessage.PrepareMedia());
        assertThat(back.messagesTo("away")).as("not connected: publishes again when it resumes").isEmpty();
        assertThat(back.media()).isEmpty();

        assertThat(room.publishing("leader", true).events()).containsExactly(
                new RoomEvent.PublishingStarted("leader", Role.HOST, "name of leader", T0.plusSeconds(4)));
    }

    @Test
    void afterTheEndTheMediaNodeChangesNothing() {
        join("leader", Role.HOST);
        room.publishing("leader", true);
        room.end(EndReason.HOST);

        assertThat(room.mediaNodeLost("x").events()).isEmpty();
        assertThat(room.mediaNodeRestored().messages()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    // ------------------------------------------------------------------ an account changed under its connection

    @Test
    void aParticipantWhoseAccountChangedIsClosedWithSessionEndedAndLeavesAtOnce() {
        join("leader", Role.HOST);
        join("official", Role.OFFICIAL);

        assertThat(room.sessionEnded("official", new ConnectionId("ws-elsewhere")).closes())
                .as("a connection it is no longer on").isEmpty();
        Transition t = room.sessionEnded("official", conn("official"));

        assertThat(t.closes()).containsExactly(new CloseConnection(conn("official"), ErrorCode.ROOM_SESSION_ENDED));
        assertThat(t.messagesTo("leader")).containsExactly(new ServerMessage.ParticipantLeft("official", LeaveReason.LEFT));
        assertThat(t.events()).contains(new RoomEvent.ParticipantLeft("official", Role.OFFICIAL, LeaveReason.LEFT, T0));
        assertThat(room.member("official")).isEmpty();
        assertThat(room.sessionEnded("official", conn("official")).closes()).as("once only").isEmpty();
        // not removed: with a fresh token (its account still lets it) it joins again, as new
        assertThat(onlyJoined(join("official", Role.OFFICIAL), "official").resumed()).isFalse();
    }

    private Transition join(String id, Role role) {
        Transition t = room.join(grant(id, role), conn(id));
        assertThat(t.refused()).as("join of %s refused: %s", id, t.refusal()).isFalse();
        return t;
    }

    private static JoinGrant grant(String id, Role role) {
        return new JoinGrant(BOOKING, ROOM, role, id, "name of " + id);
    }

    private static ConnectionId conn(String id) {
        return new ConnectionId("ws-" + id);
    }

    private static ServerMessage.Joined onlyJoined(Transition t, String id) {
        assertThat(t.refused()).as("refused: %s", t.refusal()).isFalse();
        List<ServerMessage> mine = t.messagesTo(id);
        assertThat(mine).isNotEmpty().first().isInstanceOf(ServerMessage.Joined.class);
        ServerMessage.Joined joined = (ServerMessage.Joined) mine.get(0);
        // one waiting in the lobby is told to publish (to nobody) at once; others get only their joined
        assertThat(mine).hasSize(joined.lobby() == null ? 1 : 2);
        if (joined.lobby() != null) {
            assertThat(mine.get(1)).isEqualTo(new ServerMessage.PrepareMedia());
        }
        return joined;
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
