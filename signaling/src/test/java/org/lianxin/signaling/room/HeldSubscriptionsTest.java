package org.lianxin.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;

/**
 * Subscriptions held ahead, paused (issue 10, instant admission): which streams each receiving connection holds
 * while a petitioner waits, and what the admission turns on — decided by the room, without I/O.
 */
class HeldSubscriptionsTest {

    private static final SessionRef BOOKING = SessionRef.reception("booking-44");
    private static final String ROOM = "room-9";

    private final Room room = new Room(ROOM, BOOKING, RoomSettings.defaults(),
            new RoomTest.MutableClock(java.time.Instant.parse("2026-12-03T09:00:00Z")));

    @Test
    void theWaitingPetitionerHoldsTheHostPausedAndTheHostHoldsThePetitionerOnceItsFeedIsUpTellingNobody() {
        hostPublishingWithConnection();
        enter("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));

        Transition prepare = room.handle("petitioner", new ClientMessage.PrepareReceive());
        assertThat(prepare.media()).containsExactly(new MediaAction.PrepareReceiving("petitioner"),
                new MediaAction.HoldPaused("petitioner", List.of("leader")));
        assertThat(prepare.messages()).as("nobody is told").isEmpty();

        Transition up = room.publishing("petitioner", true);
        assertThat(up.media()).containsExactly(new MediaAction.HoldPaused("leader", List.of("petitioner")));
        assertThat(up.messages()).as("the feed stays invisible").isEmpty();
        assertThat(up.events()).as("nothing records it").isEmpty();
    }

    @Test
    void theAdmissionResumesWhatWasHeldAtBothEndsAndHoldsNothingNew() {
        hostPublishingWithConnection();
        waitingWithConnectionAndFeed("petitioner");

        Transition admit = room.handle("leader", new ClientMessage.Admit("petitioner"));

        assertThat(admit.media()).containsExactly(new MediaAction.ResumeHeld("petitioner", List.of("leader")),
                new MediaAction.ResumeHeld("leader", List.of("petitioner")));
        assertThat(room.heldFor("leader")).isEmpty();
        assertThat(room.heldFor("petitioner")).isEmpty();
    }

    @Test
    void withSeveralWaitingTheHostHoldsEachAndAnAdmissionResumesOnlyTheAdmittedOne() {
        hostPublishingWithConnection();
        waitingWithConnectionAndFeed("first");
        waitingWithConnectionAndFeed("second");
        assertThat(room.heldFor("leader")).containsExactly("first", "second");

        Transition admit = room.handle("leader", new ClientMessage.Admit("first"));

        assertThat(admit.media()).containsExactly(new MediaAction.ResumeHeld("first", List.of("leader")),
                new MediaAction.ResumeHeld("leader", List.of("first")),
                // the second will see the first too once admitted: held for it now, paused
                new MediaAction.HoldPaused("second", List.of("leader", "first")));
        assertThat(room.heldFor("leader")).containsExactly("second");
    }

    @Test
    void aRefusedOrLeavingPetitionerIsNoLongerHeldByAnyone() {
        hostPublishingWithConnection();
        waitingWithConnectionAndFeed("denied");
        waitingWithConnectionAndFeed("leaving");

        assertThat(room.handle("leader", new ClientMessage.Remove("denied")).media()).containsExactly(
                new MediaAction.StopPublishing("denied", true), new MediaAction.StopForwardingTo("denied"),
                new MediaAction.HoldPaused("leader", List.of("leaving")));
        assertThat(room.handle("leaving", new ClientMessage.Leave()).media()).containsExactly(
                new MediaAction.StopPublishing("leaving", false), new MediaAction.StopForwardingTo("leaving"),
                new MediaAction.HoldPaused("leader", List.of()));
    }

    @Test
    void anOfficialJoiningLaterIsHeldByTheWaitingAndHoldsThemOnceItHasItsConnection() {
        hostPublishingWithConnection();
        waitingWithConnectionAndFeed("petitioner");
        enter("clerk", Role.OFFICIAL);

        assertThat(room.publishing("clerk", true).media())
                .containsExactly(new MediaAction.HoldPaused("petitioner", List.of("leader", "clerk")));
        assertThat(room.handle("clerk", new ClientMessage.PrepareReceive()).media()).containsExactly(
                new MediaAction.PrepareReceiving("clerk"), new MediaAction.HoldPaused("clerk", List.of("petitioner")));

        assertThat(room.handle("leader", new ClientMessage.Admit("petitioner")).media()).containsExactlyInAnyOrder(
                new MediaAction.ResumeHeld("petitioner", List.of("leader", "clerk")),
                new MediaAction.ResumeHeld("leader", List.of("petitioner")),
                new MediaAction.ResumeHeld("clerk", List.of("petitioner")));
    }

    @Test
    void aFeedNotUpIsNotHeldAndANewConnectionHoldsNothingUntilToldAgain() {
        hostPublishingWithConnection();
        enter("petitioner", Role.PETITIONER);
        room.handle("petitioner", new ClientMessage.Publish("v=0"));
        room.handle("petitioner", new ClientMessage.PrepareReceive());
        assertThat(room.heldFor("leader")).as("its feed is not up").isEmpty();

        assertThat(room.handle("petitioner", new ClientMessage.PrepareReceive()).media()).containsExactly(
                new MediaAction.PrepareReceiving("petitioner"), new MediaAction.HoldPaused("petitioner", List.of("leader")));
        assertThat(room.handle("leader", new ClientMessage.Admit("petitioner")).media())
                .as("the host held nothing of it: its own subscribe adds it")
                .containsExactly(new MediaAction.ResumeHeld("petitioner", List.of("leader")));
    }

    @Test
    void theNodeLostEveryConnectionHoldsNothing() {
        hostPublishingWithConnection();
        waitingWithConnectionAndFeed("petitioner");

        room.mediaNodeLost("node gone");

        assertThat(room.heldFor("leader")).isEmpty();
        assertThat(room.heldFor("petitioner")).isEmpty();
        assertThat(room.handle("leader", new ClientMessage.Admit("petitioner")).media()).isEmpty();
    }

    @Test
    void observersAreNeverHeldAndOnlyThoseWithAConnectionHoldAnything() {
        Map<String, List<String>> wanted = HeldSubscriptions.wanted(List.of(
                        new HeldSubscriptions.Party("leader", Role.HOST, true, true),
                        new HeldSubscriptions.Party("observer", Role.OBSERVER, true, true),
                        new HeldSubscriptions.Party("clerk", Role.OFFICIAL, true, true),
                        new HeldSubscriptions.Party("waiting", Role.PETITIONER, false, true),
                        new HeldSubscriptions.Party("admitted", Role.PETITIONER, true, true)),
                Set.of("leader", "observer", "waiting", "admitted"));

        assertThat(wanted).containsOnlyKeys("leader", "observer", "waiting", "admitted");
        assertThat(wanted.get("leader")).containsExactly("waiting");
        assertThat(wanted.get("observer")).as("an observer makes no connection ahead").isEmpty();
        assertThat(wanted.get("waiting")).containsExactly("leader", "clerk", "admitted");
        assertThat(wanted.get("admitted")).as("a petitioner does not see the lobby").isEmpty();
    }

    private void hostPublishingWithConnection() {
        enter("leader", Role.HOST);
        room.handle("leader", new ClientMessage.Publish("v=0"));
        room.publishing("leader", true);
        assertThat(room.handle("leader", new ClientMessage.PrepareReceive()).media())
                .containsExactly(new MediaAction.PrepareReceiving("leader"));
    }

    private void waitingWithConnectionAndFeed(String id) {
        enter(id, Role.PETITIONER);
        room.handle(id, new ClientMessage.Publish("v=0"));
        room.handle(id, new ClientMessage.PrepareReceive());
        room.publishing(id, true);
    }

    private void enter(String id, Role role) {
        Transition t = room.join(new JoinGrant(BOOKING, ROOM, role, id, "name of " + id), new ConnectionId("ws-" + id));
        assertThat(t.refused()).as("join of %s refused: %s", id, t.refusal()).isFalse();
    }
}
