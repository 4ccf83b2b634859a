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
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.OfferedStream;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.signaling.token.Role;

/**
 * Streams held paused ahead of an admission (issue 10), through LiveRooms on the real Janus adapter against
 * {@link FakeJanus}: while the petitioner waits, each end's receiving connection gets the other's streams by an
 * {@code update} whose every entry names a mid with {@code send: false}, and the page is told the new offer without
 * whose streams they are; the admission is a {@code configure} with {@code send: true} on those mids, and the pages'
 * subscribes then renegotiate nothing.
 */
class HeldStreamsOnJanusTest {

    JanusRoomFixture f;
    LiveRooms.Participant host;
    LiveRooms.Participant petitioner;

    @BeforeEach
    void start() throws Exception {
        f = new JanusRoomFixture(Instant.parse("2026-12-03T02:00:00Z"));
        host = f.join(Role.HOST, "host");
        f.publish(host);
        f.send(host, "r", new ClientMessage.PrepareReceive());
        f.send(host, "a", new ClientMessage.Answer("v=0 host answer"));
        petitioner = f.join(Role.PETITIONER, "pet");
        f.send(petitioner, "p", new ClientMessage.Publish(LiveRoomsTest.OFFER));
        f.fake.webrtcUp("pet");
        f.send(petitioner, "r", new ClientMessage.PrepareReceive());
        f.send(petitioner, "a", new ClientMessage.Answer("v=0 petitioner answer"));
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void bothEndsHoldTheOthersStreamsPausedAndAreNotToldWhoseTheyAre() {
        await().atMost(5, TimeUnit.SECONDS).until(() -> f.to("c-pet", ServerMessage.OfferUpdate.class).size() == 1
                && f.to("c-host", ServerMessage.OfferUpdate.class).size() == 1);

        List<String> updates = f.fake.bodies().stream().filter(b -> b.contains("\"update\"")).toList();
        assertThat(updates).hasSize(2).allSatisfy(b -> {
            assertThat(b).contains("\"mid\":\"0\"", "\"mid\":\"1\"");
            assertThat(b.split("\"send\":false", -1)).as("every entry paused").hasSize(3);
            assertThat(b).doesNotContain("\"send\":true");
        });
        assertThat(f.to("c-pet", ServerMessage.OfferUpdate.class).get(0).streams()).as("whose: not told").isEmpty();
        assertThat(f.to("c-host", ServerMessage.OfferUpdate.class).get(0).streams()).isEmpty();
        assertThat(f.fake.bodies()).noneMatch(b -> b.contains("\"send\":true"));
    }

    @Test
    void theAdmissionOnlyTurnsSendingOnAndTheSubscribesRenegotiateNothing() throws Exception {
        await().atMost(5, TimeUnit.SECONDS).until(() -> f.to("c-pet", ServerMessage.OfferUpdate.class).size() == 1
                && f.to("c-host", ServerMessage.OfferUpdate.class).size() == 1);
        f.send(petitioner, "a2", new ClientMessage.Answer("v=0 petitioner answer 2"));
        f.send(host, "a2", new ClientMessage.Answer("v=0 host answer 2"));
        long updates = f.count("message/update");

        f.send(host, "admit", new ClientMessage.Admit("pet"));

        List<String> resumes = f.fake.bodies().stream().filter(b -> b.contains("\"send\":true")).toList();
        assertThat(resumes).as("one configure per end").hasSize(2)
                .allSatisfy(b -> assertThat(b).contains("\"configure\"").contains("\"streams\""));
        assertThat(f.to("c-pet", ServerMessage.OfferUpdate.class)).as("told whose, at once").last()
                .satisfies(u -> assertThat(u.streams()).extracting(OfferedStream::participantId).containsOnly("host"));

        f.send(petitioner, "s", new ClientMessage.Subscribe(List.of("host")));
        f.send(host, "s", new ClientMessage.Subscribe(List.of("pet")));

        assertThat(f.count("message/update")).as("no renegotiation").isEqualTo(updates);
        assertThat(f.to("c-pet", ServerMessage.OfferUpdate.class)).last().satisfies(u -> {
            assertThat(u.sdp()).isNull();
            assertThat(u.streams()).extracting(OfferedStream::participantId).containsOnly("host");
            assertThat(u.streams()).extracting(OfferedStream::kind).containsExactly(MediaKind.AUDIO, MediaKind.VIDEO);
        });
        assertThat(f.to("c-host", ServerMessage.OfferUpdate.class)).last().satisfies(u -> {
            assertThat(u.sdp()).isNull();
            assertThat(u.streams()).extracting(OfferedStream::participantId).containsOnly("pet");
        });
    }

    @Test
    void bothEndsResumeAtOnceWithoutWaitingForTheNodesReplyToTheFirst() throws Exception {
        await().atMost(5, TimeUnit.SECONDS).until(() -> f.to("c-pet", ServerMessage.OfferUpdate.class).size() == 1
                && f.to("c-host", ServerMessage.OfferUpdate.class).size() == 1);
        f.send(petitioner, "a2", new ClientMessage.Answer("v=0 petitioner answer 2"));
        f.send(host, "a2", new ClientMessage.Answer("v=0 host answer 2"));
        // the node answers no resume until it has both: the media order waiting for the first's reply would wait
        // until that request times out (700 ms here), and that end would then not be told whose its streams are
        f.fake.holdRequests = b -> b.contains("\"send\":true");

        f.rooms.handle(host, new ConnectionId("c-host"), new Incoming("admit", new ClientMessage.Admit("pet")));

        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.fake.bodies())
                .as("both ends' resumes sent (the first unanswered)")
                .filteredOn(b -> b.contains("\"send\":true")).hasSize(2));
        assertThat(f.rooms.mediaIdle(LiveRoomsTest.ROOM)).as("the room's next media step waits for both").isNotDone();
        f.fake.releaseRequests();
        f.rooms.mediaIdle(LiveRoomsTest.ROOM).get(5, TimeUnit.SECONDS);
        assertThat(f.to("c-pet", ServerMessage.OfferUpdate.class)).as("resumed, not timed out").last()
                .satisfies(u -> assertThat(u.streams()).extracting(OfferedStream::participantId).containsOnly("host"));
        assertThat(f.to("c-host", ServerMessage.OfferUpdate.class)).last()
                .satisfies(u -> assertThat(u.streams()).extracting(OfferedStream::participantId).containsOnly("pet"));
    }
}
