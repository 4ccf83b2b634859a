package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.media.internal.janus.JanusSettings;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.Room;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;

/**
 * A live room taken over from a lost instance (issue 14), on the Janus adapter against {@link FakeJanus}: instance A's
 * rooms record where the room's media is; A vanishes without a word to Janus; instance B, told by the placement that
 * the room is its now with A's record ({@link RoomOwners.Whereabouts#takenOver}), claims the room's session and holds
 * each place, so the participants' joins resume with their endpoints kept — or, when Janus no longer has the session,
 * builds the room anew as before.
 */
class RoomTakeoverTest {

    static final String ROOM = LiveRoomsTest.ROOM;

    final List<RoomMediaJournal.State> toldA = new CopyOnWriteArrayList<>();
    final List<RoomMediaJournal.State> toldB = new CopyOnWriteArrayList<>();
    final List<RoomEvent> eventsA = new CopyOnWriteArrayList<>();
    final List<RoomEvent> eventsB = new CopyOnWriteArrayList<>();
    final LiveRoomsTest.Recorded connectionsB = new LiveRoomsTest.Recorded();
    LiveRoomsTest.TestClock clock;
    JoinTokens tokens;
    FakeJanus fake;
    JanusMediaEngine engineA;
    JanusMediaEngine engineB;
    LiveRooms roomsA;
    LiveRooms roomsB;

    JanusSettings settings() {
        return JanusSettings.of(fake.uri(), "test-admin-key").withRequestTimeout(Duration.ofSeconds(2))
                .withReconnect(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    static RoomMediaJournal journal(List<RoomMediaJournal.State> told) {
        return new RoomMediaJournal() {
            @Override
            public void changed(State state) {
                told.add(state);
            }

            @Override
            public void ended(String roomId) {
            }
        };
    }

    @BeforeEach
    void start() throws Exception {
        clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-03T06:00:00Z"));
        tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
        fake = new FakeJanus();
        RoomSettings settings = new RoomSettings(Duration.ofSeconds(30), Duration.ofMinutes(15));
        engineA = new JanusMediaEngine(settings());
        engineA.start().get(5, TimeUnit.SECONDS);
        roomsA = new LiveRooms(engineA, tokens, settings, clock, new LiveRoomsTest.Recorded(),
                (room, session, e) -> eventsA.add(e));
        roomsA.journalTo(journal(toldA));
        roomsA.start();
        engineB = new JanusMediaEngine(settings());
        engineB.start().get(5, TimeUnit.SECONDS);
        roomsB = new LiveRooms(engineB, tokens, settings, clock, connectionsB, (room, session, e) -> eventsB.add(e));
        roomsB.journalTo(journal(toldB));
        roomsB.start();
    }

    @AfterEach
    void stop() throws Exception {
        roomsB.stop(Duration.ofSeconds(2));
        engineB.close();
        engineA.close();
        fake.close();
    }

    String token(Role role, String id) {
        return tokens.issue(new JoinGrant(LiveRoomsTest.SESSION, ROOM, role, id, "name of " + id));
    }

    /** On A: the host publishes, the official receives the host; returns what A recorded last. */
    RoomMediaJournal.State receptionOnA() throws Exception {
        roomsA.open(ROOM, LiveRoomsTest.SESSION);
        LiveRooms.Participant host = roomsA.join(new ConnectionId("a-host"), null, token(Role.HOST, "host"), "j")
                .orElseThrow();
        LiveRooms.Participant official = roomsA.join(new ConnectionId("a-off"), null, token(Role.OFFICIAL, "off"),
                "j").orElseThrow();
        roomsA.handle(host, new ConnectionId("a-host"), new Incoming("p", new ClientMessage.Publish(LiveRoomsTest.OFFER)));
        roomsA.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        fake.webrtcUp("host");
        await().atMost(5, TimeUnit.SECONDS).until(() -> eventsA.stream()
                .anyMatch(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals("host")));
        roomsA.handle(official, new ConnectionId("a-off"), new Incoming("s",
                new ClientMessage.Subscribe(List.of("host"))));
        roomsA.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !toldA.isEmpty()
                && toldA.get(toldA.size() - 1).endpoints().size() == 2);
        return toldA.get(toldA.size() - 1);
    }

    ServerMessage.Joined joinedOn(String connection) {
        return connectionsB.to(connection).stream().filter(m -> m instanceof ServerMessage.Joined)
                .map(m -> (ServerMessage.Joined) m).findFirst().orElseThrow();
    }

    @Test
    void aRoomTakenOverByClaimHoldsEveryPlaceAndItsJoinsResumeWithTheirEndpointsKept() throws Exception {
        RoomMediaJournal.State recorded = receptionOnA();
        assertThat(recorded.members()).extracting(RoomMediaJournal.Member::participantId,
                RoomMediaJournal.Member::role, RoomMediaJournal.Member::admitted)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("host", "HOST", true),
                        org.assertj.core.groups.Tuple.tuple("off", "OFFICIAL", true));
        assertThat(recorded.endpoints()).filteredOn(RoomMediaJournal.Endpoint::publisher).singleElement()
                .satisfies(p -> assertThat(p.sections()).containsExactly("audio:0", "video:1"));
        engineA.abandon(); // A is killed: no word to Janus
        roomsB.ownedBy(roomId -> RoomOwners.Whereabouts.takenOver(recorded));

        LiveRooms.Participant host = roomsB.join(new ConnectionId("b-host"), null, token(Role.HOST, "host"), "j")
                .orElseThrow();

        assertThat(fake.claims()).isEqualTo(1);
        roomsB.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        long attaches = fake.verbs().stream().filter("attach"::equals).count(); // B's control handle included
        ServerMessage.Joined joined = joinedOn("b-host");
        assertThat(joined.resumed()).isTrue();
        assertThat(joined.you().publishing()).isTrue(); // the page keeps its publisher: no new offer
        assertThat(joined.participants()).extracting(p -> p.id(), p -> p.connected())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("off", false)); // held for its reconnect
        // the publisher counts as new here: the recording's listener forwards it to this instance's recorder
        assertThat(eventsB).anyMatch(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals("host"));
        assertThat(eventsB).noneMatch(e -> e instanceof RoomEvent.ParticipantEntered);
        ServerMessage.Joined official = joinedOn(roomsB.join(new ConnectionId("b-off"), null,
                token(Role.OFFICIAL, "off"), "j").map(p -> "b-off").orElseThrow());
        assertThat(official.resumed()).isTrue();
        roomsB.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        assertThat(fake.verbs().stream().filter("attach"::equals).count()).isEqualTo(attaches); // no endpoint made anew
        // the claimed endpoints work: a keyframe from the host's publisher, a forward of its feed
        roomsB.requestKeyframe(ROOM, "host").get(5, TimeUnit.SECONDS);
        assertThat(fake.keyframeRequests()).last().isEqualTo("host");
        // re-recorded by B: same session and endpoints
        await().atMost(5, TimeUnit.SECONDS).until(() -> !toldB.isEmpty());
        assertThat(toldB.get(toldB.size() - 1).session()).isEqualTo(recorded.session());
        assertThat(toldB.get(toldB.size() - 1).endpoints()).isEqualTo(recorded.endpoints());
        // and the host ends the room on B: the node's room is destroyed
        roomsB.handle(host, new ConnectionId("b-host"), new Incoming("e", new ClientMessage.End()));
        await().atMost(5, TimeUnit.SECONDS).until(() -> !fake.hasRoom(recorded.nodeRoom()));
        assertThat(fake.hasSession(recorded.session())).isFalse();
    }

    @Test
    void aRoomWhoseSessionJanusNoLongerHasIsBuiltAnewAndNothingOfTheClaimIsKept() throws Exception {
        RoomMediaJournal.State recorded = receptionOnA();
        engineA.abandon();
        fake.expire(recorded.session()); // the reclaim timeout ran out
        roomsB.ownedBy(roomId -> RoomOwners.Whereabouts.takenOver(recorded));

        roomsB.join(new ConnectionId("b-host"), null, token(Role.HOST, "host"), "j").orElseThrow();

        ServerMessage.Joined joined = joinedOn("b-host");
        assertThat(joined.resumed()).isFalse(); // a new place: the page starts its media afresh
        assertThat(joined.participants()).isEmpty();
        assertThat(roomsB.members(ROOM)).extracting(m -> m.info().id()).containsExactly("host");
        roomsB.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !toldB.isEmpty());
        assertThat(toldB.get(toldB.size() - 1).nodeRoom()).isNotEqualTo(recorded.nodeRoom()); // made anew
        assertThat(toldB.get(toldB.size() - 1).session()).isNotEqualTo(recorded.session());
    }

    @Test
    void joinsArrivingWhileTheirRoomIsClaimedWaitWithoutAThreadAndResumeOnceItIsClaimed() throws Exception {
        RoomMediaJournal.State recorded = receptionOnA();
        engineA.abandon();
        roomsB.ownedBy(roomId -> RoomOwners.Whereabouts.takenOver(recorded));
        fake.holdClaims = true; // Janus is slow to answer the claim

        // both joins return at once on the caller's thread, unanswered while the claim is under way
        var host = roomsB.joinLater(new ConnectionId("b-host"), null, token(Role.HOST, "host"), "j");
        var official = roomsB.joinLater(new ConnectionId("b-off"), null, token(Role.OFFICIAL, "off"), "j");
        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.heldClaims() == 1);
        assertThat(host).isNotDone();
        assertThat(official).isNotDone();
        assertThat(connectionsB.to("b-host")).isEmpty();

        fake.releaseClaims();

        assertThat(host.get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(official.get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(joinedOn("b-host").resumed()).isTrue();
        assertThat(joinedOn("b-off").resumed()).isTrue();
        assertThat(fake.claims()).isEqualTo(1);
        assertThat(connectionsB.closed).isEmpty();
    }

    @Test
    void joinsWaitingForAClaimThatFailsJoinTheRoomBuiltAnew() throws Exception {
        RoomMediaJournal.State recorded = receptionOnA();
        engineA.abandon();
        roomsB.ownedBy(roomId -> RoomOwners.Whereabouts.takenOver(recorded));
        fake.holdClaims = true;

        var host = roomsB.joinLater(new ConnectionId("b-host"), null, token(Role.HOST, "host"), "j");
        var official = roomsB.joinLater(new ConnectionId("b-off"), null, token(Role.OFFICIAL, "off"), "j");
        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.heldClaims() == 1);
        fake.expire(recorded.session()); // the answer will be 458
        fake.releaseClaims();

        assertThat(host.get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(official.get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(joinedOn("b-host").resumed()).isFalse(); // new places in the room built anew
        assertThat(joinedOn("b-off").resumed()).isFalse();
        assertThat(roomsB.members(ROOM)).extracting(m -> m.info().id()).containsExactlyInAnyOrder("host", "off");
        assertThat(connectionsB.closed).isEmpty();
    }

    /**
     * The owners as the placement answers two joins of one room arriving together on the new owner "app-b": the first
     * takes the lease (held in {@code leaseTaken} until released, as a slow database would), and a second asking
     * meanwhile loses the lease's compare-and-set to it — the placement then names the holder, this very instance.
     */
    RoomOwners ownersTakingTheLease(RoomMediaJournal.State recorded, CountDownLatch asking, CountDownLatch leaseTaken,
                                    AtomicInteger asked) {
        return roomId -> {
            if (asked.incrementAndGet() > 1) {
                return RoomOwners.Whereabouts.elsewhere("app-b");
            }
            asking.countDown();
            try {
                leaseTaken.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RoomOwners.Whereabouts.takenOver(recorded);
        };
    }

    /** Joins on its own thread (as each page's connection has one); the result in {@code into}. */
    Thread joining(String connection, Role role, String id, List<Object> into) {
        Thread t = new Thread(() -> into.add(roomsB.join(new ConnectionId(connection), null, token(role, id), "j")),
                "join-" + connection);
        t.start();
        return t;
    }

    @Test
    void aJoinArrivingWhileAnotherJoinTakesTheRoomOverHereWaitsForItAndResumesInsteadOfBeingSentToThisSameNode()
            throws Exception {
        RoomMediaJournal.State recorded = receptionOnA();
        engineA.abandon();
        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch leaseTaken = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        roomsB.ownedBy(ownersTakingTheLease(recorded, asking, leaseTaken, asked));
        List<Object> hostJoin = new CopyOnWriteArrayList<>();
        List<Object> officialJoin = new CopyOnWriteArrayList<>();

        Thread host = joining("b-host", Role.HOST, "host", hostJoin);
        assertThat(asking.await(5, TimeUnit.SECONDS)).isTrue();
        Thread official = joining("b-off", Role.OFFICIAL, "off", officialJoin);
        // the official's join waits for the host's (not answered meanwhile), or — before the fix — was answered
        await().atMost(5, TimeUnit.SECONDS).until(() -> official.getState() == Thread.State.TIMED_WAITING
                || !official.isAlive());
        assertThat(connectionsB.to("b-off")).as("answered while the host's join takes the room over").isEmpty();
        leaseTaken.countDown();
        host.join(10_000);
        official.join(10_000);

        assertThat(connectionsB.to("b-off")).noneMatch(m -> m instanceof ServerMessage.Failure);
        assertThat(joinedOn("b-host").resumed()).isTrue();
        assertThat(joinedOn("b-off").resumed()).isTrue();
        assertThat(asked).as("the owners asked once: the second join joined the room the first put in place")
                .hasValue(1);
        assertThat(fake.claims()).isEqualTo(1);
        assertThat(connectionsB.closed).isEmpty();
    }

    @Test
    void aJoinWaitingLongerThanTheTakeoversClaimWaitForAnotherJoinOfItsRoomIsRefusedWithRoomMoved() throws Exception {
        RoomMediaJournal.State recorded = receptionOnA();
        engineA.abandon();
        roomsB.claimWithin(Duration.ofMillis(300));
        CountDownLatch asking = new CountDownLatch(1);
        CountDownLatch leaseTaken = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        roomsB.ownedBy(ownersTakingTheLease(recorded, asking, leaseTaken, asked));
        List<Object> hostJoin = new CopyOnWriteArrayList<>();
        List<Object> officialJoin = new CopyOnWriteArrayList<>();
        Thread host = joining("b-host", Role.HOST, "host", hostJoin);
        assertThat(asking.await(5, TimeUnit.SECONDS)).isTrue();

        Thread official = joining("b-off", Role.OFFICIAL, "off", officialJoin);
        official.join(5_000);

        assertThat(officialJoin).containsExactly(java.util.Optional.empty());
        assertThat(connectionsB.closed).containsExactly("b-off"); // 314 in the close: the page joins again
        assertThat(connectionsB.to("b-off")).isEmpty();
        assertThat(asked).hasValue(1);
        leaseTaken.countDown();
        host.join(10_000);
        assertThat(hostJoin).singleElement().satisfies(j -> assertThat((java.util.Optional<?>) j).isPresent());
    }

    @Test
    void aJoinBeyondTheWaitingBoundIsRefusedAtOnceWithRoomMoved() throws Exception {
        RoomMediaJournal.State recorded = receptionOnA();
        engineA.abandon();
        roomsB.ownedBy(roomId -> RoomOwners.Whereabouts.takenOver(recorded));
        fake.holdClaims = true;
        List<java.util.concurrent.CompletableFuture<java.util.Optional<LiveRooms.Participant>>> waiting =
                new java.util.ArrayList<>();
        for (int i = 0; i < ClaimWaits.MAX_WAITING; i++) {
            waiting.add(roomsB.joinLater(new ConnectionId("b-" + i), null, token(Role.OBSERVER, "obs-" + i), "j"));
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.heldClaims() == 1);

        var refused = roomsB.joinLater(new ConnectionId("b-late"), null, token(Role.OBSERVER, "late"), "j");

        assertThat(refused.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(connectionsB.closed).contains("b-late");
        assertThat(connectionsB.to("b-late")).isEmpty(); // the close carries the error (4314)
        assertThat(waiting).noneMatch(java.util.concurrent.CompletableFuture::isDone);
        fake.releaseClaims();
        java.util.concurrent.CompletableFuture.allOf(waiting.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get(10, TimeUnit.SECONDS);
        assertThat(connectionsB.closed).containsExactly("b-late");
    }

    @Test
    void theRecordGivesEachHeldPlaceItsRoleAndEachParticipantItsEndpoints() {
        RoomMediaJournal.State taken = new RoomMediaJournal.State(ROOM, "n1", 77, 5, "secret", List.of(
                new RoomMediaJournal.Endpoint(10, "host", true, 900L, List.of(), List.of("audio:0", "video:1:simulcast")),
                new RoomMediaJournal.Endpoint(11, "off", false, null, List.of("host")),
                new RoomMediaJournal.Endpoint(12, "gone", true, 901L, List.of())), List.of(
                new RoomMediaJournal.Member("host", "H", "HOST", true, false, false),
                new RoomMediaJournal.Member("off", "O", "OFFICIAL", true, true, false),
                new RoomMediaJournal.Member("x", "X", "NO_SUCH_ROLE", true, false, false)));

        List<Room.HeldPlace> places = RoomTakeover.places(taken);
        MediaEndpoints endpoints = new MediaEndpoints();
        RoomTakeover.fill(endpoints, taken, places);

        assertThat(places).extracting(Room.HeldPlace::participantId).containsExactly("host", "off");
        assertThat(places.get(1).audioMuted()).isTrue();
        assertThat(endpoints.of("host").publisher.value()).isEqualTo(10);
        assertThat(endpoints.of("host").published).extracting(Sdps.Section::mid).containsExactly("0", "1");
        assertThat(endpoints.of("host").simulcastMids).containsExactly("1"); // its forwards take the layers as before
        assertThat(RoomTakeover.claim(taken).endpoints().get(0).simulcastMids()).containsExactly("1");
        assertThat(RoomTakeover.recorded(endpoints.of("host").published, endpoints.of("host").simulcastMids))
                .containsExactly("audio:0", "video:1:simulcast");
        assertThat(endpoints.participantOf(new org.lianxin.signaling.media.FeedId(900))).isEqualTo("host");
        assertThat(endpoints.of("off").subscriber.value()).isEqualTo(11);
        assertThat(endpoints.of("off").subscribedFeeds).containsEntry("host", new org.lianxin.signaling.media.FeedId(900));
        assertThat(endpoints.of("gone")).isNull(); // no place: its endpoint is not taken over
        assertThat(RoomTakeover.claim(taken).endpoints()).hasSize(3);
        assertThat(RoomTakeover.claim(taken).toString()).doesNotContain("secret");
    }
}
