package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.ErrorCode;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.OfferedStream;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.signaling.token.Role;

/**
 * The admission's database write and its media together (issue 10 on issue 14's gate), through LiveRooms on the real
 * Janus adapter against {@link FakeJanus}: while the {@link AdmissionGate} writes, both ends' held streams are sent
 * already (the keyframes on their way), but nobody is told whose they are and nobody is admitted until the write is
 * done; the admission then sends nothing again. A write that fails refuses the admission (316) and pauses them again.
 */
class AdmissionWhileRecordingOnJanusTest {

    JanusRoomFixture f;
    LiveRooms.Participant host;
    LiveRooms.Participant petitioner;
    final CountDownLatch writeMayEnd = new CountDownLatch(1);
    final AtomicBoolean databaseAway = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        f = new JanusRoomFixture(Instant.parse("2026-12-03T02:00:00Z"));
        f.rooms.admittedThrough((session, roomId, participantId, role) -> {
            try {
                writeMayEnd.await(30, TimeUnit.SECONDS); // longer than any wait of the tests
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (databaseAway.get()) {
                throw new IllegalStateException("Connection is not available, request timed out after 5000ms");
            }
        });
        host = f.join(Role.HOST, "host");
        f.publish(host);
        f.send(host, "r", new ClientMessage.PrepareReceive());
        f.send(host, "a", new ClientMessage.Answer("v=0 host answer"));
        petitioner = f.join(Role.PETITIONER, "pet");
        f.send(petitioner, "p", new ClientMessage.Publish(LiveRoomsTest.OFFER));
        f.fake.webrtcUp("pet");
        f.send(petitioner, "r", new ClientMessage.PrepareReceive());
        f.send(petitioner, "a", new ClientMessage.Answer("v=0 petitioner answer"));
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.to("c-pet", ServerMessage.OfferUpdate.class).size() == 1
                && f.to("c-host", ServerMessage.OfferUpdate.class).size() == 1);
        f.send(petitioner, "a2", new ClientMessage.Answer("v=0 petitioner answer 2"));
        f.send(host, "a2", new ClientMessage.Answer("v=0 host answer 2"));
    }

    @AfterEach
    void stop() throws Exception {
        writeMayEnd.countDown();
        f.close();
    }

    CompletableFuture<Void> admit(String correlation) {
        return CompletableFuture.runAsync(() -> f.rooms.handle(host, new ConnectionId("c-host"),
                new Incoming(correlation, new ClientMessage.Admit("pet"))));
    }

    List<String> bodiesWith(String text) {
        return f.fake.bodies().stream().filter(b -> b.contains(text)).toList();
    }

    @Test
    void bothEndsHeldStreamsAreSentWhileTheAdmissionIsWrittenAndNamedOnlyOnceItIs() throws Exception {
        CompletableFuture<Void> admitting = admit("admit");

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(bodiesWith("\"send\":true"))
                .as("both ends' resumes sent while the write is made").hasSize(2));
        assertThat(admitting).isNotDone();
        assertThat(f.to("c-pet", ServerMessage.Admitted.class)).as("not admitted before the write").isEmpty();
        assertThat(f.to("c-pet", ServerMessage.OfferUpdate.class)).as("not told whose").hasSize(1);
        assertThat(f.to("c-host", ServerMessage.OfferUpdate.class)).hasSize(1);

        writeMayEnd.countDown();
        admitting.get(5, TimeUnit.SECONDS);
        f.rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS);

        assertThat(f.to("c-pet", ServerMessage.Admitted.class)).hasSize(1);
        assertThat(f.to("c-pet", ServerMessage.OfferUpdate.class)).as("told whose, at the admission").last()
                .satisfies(u -> assertThat(u.streams()).extracting(OfferedStream::participantId).containsOnly("host"));
        assertThat(f.to("c-host", ServerMessage.OfferUpdate.class)).last()
                .satisfies(u -> assertThat(u.streams()).extracting(OfferedStream::participantId).containsOnly("pet"));
        assertThat(bodiesWith("\"send\":true")).as("nothing sent twice").hasSize(2);
        assertThat(bodiesWith("\"configure\"")).filteredOn(b -> b.contains("\"send\":false") && !b.contains("update"))
                .as("nothing paused again").isEmpty();
    }

    /** Index of the first message to the connection that {@code what} accepts, -1 if none. */
    int indexOf(String connection, Predicate<ServerMessage> what) {
        List<ServerMessage> all = f.connections.to(connection);
        for (int i = 0; i < all.size(); i++) {
            if (what.test(all.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean names(ServerMessage m, String participantId) {
        return m instanceof ServerMessage.OfferUpdate u && u.sdp() == null
                && u.streams().stream().anyMatch(s -> s.participantId().equals(participantId));
    }

    @Test
    void whenTheEarlySendsAreDoneBeforeTheWriteTheHostIsToldWhoseStreamsTheyAreBeforeTheNewcomerJoins()
            throws Exception {
        CompletableFuture<Void> admitting = admit("admit");
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(bodiesWith("\"send\":true")).hasSize(2));
        f.rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS); // the node has answered both early sends
        assertThat(admitting).isNotDone();

        writeMayEnd.countDown();
        admitting.get(5, TimeUnit.SECONDS);
        f.rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS);

        int named = indexOf("c-host", m -> names(m, "pet"));
        int joined = indexOf("c-host", m -> m instanceof ServerMessage.ParticipantJoined j
                && j.participant().id().equals("pet"));
        assertThat(named).as("the host's page is told whose the streams are").isNotNegative();
        assertThat(joined).as("then that the petitioner joined (its tile drawn with its video)").isGreaterThan(named);
        int admitted = indexOf("c-pet", m -> m instanceof ServerMessage.Admitted);
        assertThat(admitted).isNotNegative();
        assertThat(indexOf("c-pet", m -> names(m, "host")))
                .as("the petitioner's page is told whose only once in the session").isGreaterThan(admitted);
        assertThat(bodiesWith("\"send\":true")).as("nothing sent twice").hasSize(2);
    }

    @Test
    void whenTheNodeHasNotAnsweredTheEarlySendsByTheEndOfTheWriteTheNamingFollowsTheJoinAsBefore() throws Exception {
        f.fake.holdRequests = b -> b.contains("\"send\":true"); // the node's answers to the early sends wait
        CompletableFuture<Void> admitting = admit("admit");
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(bodiesWith("\"send\":true")).hasSize(2));
        writeMayEnd.countDown();
        admitting.get(5, TimeUnit.SECONDS);
        assertThat(f.to("c-pet", ServerMessage.Admitted.class)).hasSize(1);
        assertThat(indexOf("c-host", m -> names(m, "pet"))).as("not named while the media order is busy").isNegative();

        f.fake.releaseRequests();
        f.rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS);

        int joined = indexOf("c-host", m -> m instanceof ServerMessage.ParticipantJoined j
                && j.participant().id().equals("pet"));
        assertThat(indexOf("c-host", m -> names(m, "pet"))).as("named after the join").isGreaterThan(joined);
        assertThat(f.to("c-pet", ServerMessage.OfferUpdate.class)).last()
                .satisfies(u -> assertThat(u.streams()).extracting(OfferedStream::participantId).containsOnly("host"));
        assertThat(bodiesWith("\"send\":true")).as("nothing sent twice").hasSize(2);
    }

    @Test
    void anAdmissionTheDatabaseCannotRecordPausesTheStreamsSentMeanwhileAndTheNextClickSendsThemAgain()
            throws Exception {
        databaseAway.set(true);
        writeMayEnd.countDown();
        admit("a1").get(5, TimeUnit.SECONDS);
        f.rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS);

        assertThat(f.to("c-host", ServerMessage.Failure.class)).extracting(ServerMessage.Failure::code)
                .contains(ErrorCode.ROOM_ADMISSION_NOT_RECORDED);
        assertThat(f.to("c-pet", ServerMessage.Admitted.class)).isEmpty();
        assertThat(bodiesWith("\"send\":true")).as("sent while the write was tried").hasSize(2);
        assertThat(bodiesWith("\"configure\"")).filteredOn(b -> b.contains("\"send\":false"))
                .as("both ends paused again").hasSize(2);
        assertThat(f.to("c-pet", ServerMessage.OfferUpdate.class)).as("never told whose").hasSize(1);

        databaseAway.set(false);
        admit("a2").get(5, TimeUnit.SECONDS);
        f.rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS);

        assertThat(f.to("c-pet", ServerMessage.Admitted.class)).hasSize(1);
        assertThat(bodiesWith("\"send\":true")).as("sent again for the admission").hasSize(4);
        assertThat(f.to("c-pet", ServerMessage.OfferUpdate.class)).last()
                .satisfies(u -> assertThat(u.streams()).extracting(OfferedStream::participantId).containsOnly("host"));
        assertThat(f.to("c-host", ServerMessage.OfferUpdate.class)).last()
                .satisfies(u -> assertThat(u.streams()).extracting(OfferedStream::participantId).containsOnly("pet"));
    }
}
