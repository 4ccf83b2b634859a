package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.media.internal.janus.JanusSettings;
import org.lianxin.signaling.nodes.MediaNodeStatus;
import org.lianxin.signaling.nodes.MediaNodes;
import org.lianxin.signaling.nodes.NoSuchMediaNodeException;
import org.lianxin.signaling.protocol.ClientMessage;
import org.lianxin.signaling.protocol.Incoming;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.RoomSettings;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;

/**
 * Live rooms on two media nodes ({@link MediaNodes} over the real Janus adapter, each against a {@link FakeJanus}):
 * placement on the less-loaded node, draining, and a lost node's room made again on the other node at once.
 */
class LiveRoomsOnTwoNodesTest {

    static final String ROOM = LiveRoomsTest.ROOM;

    LiveRoomsTest.TestClock clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-01T02:00:00Z"));
    JoinTokens tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
    LiveRoomsTest.Recorded connections = new LiveRoomsTest.Recorded();
    List<RoomEvent> events = new CopyOnWriteArrayList<>();
    FakeJanus a;
    FakeJanus b;
    JanusMediaEngine engineA;
    JanusMediaEngine engineB;
    MediaNodes nodes;
    LiveRooms rooms;

    @BeforeEach
    void start() throws Exception {
        a = new FakeJanus();
        b = new FakeJanus();
        engineA = engine(a);
        engineB = engine(b);
        nodes = new MediaNodes(List.of(new MediaNodes.Node("a", engineA), new MediaNodes.Node("b", engineB)));
        rooms = new LiveRooms(nodes, tokens, new RoomSettings(Duration.ofSeconds(30), Duration.ofMinutes(15)), clock,
                connections, (room, session, e) -> events.add(e));
        rooms.start();
    }

    static JanusMediaEngine engine(FakeJanus fake) throws Exception {
        JanusMediaEngine e = new JanusMediaEngine(JanusSettings.of(fake.uri(), "test-admin-key")
                .withRequestTimeout(Duration.ofMillis(700)).withReconnect(Duration.ofMillis(50), Duration.ofMillis(200)));
        e.start().get(5, TimeUnit.SECONDS);
        return e;
    }

    @AfterEach
    void stop() throws Exception {
        rooms.stop(Duration.ofSeconds(2));
        nodes.close();
        a.close();
        b.close();
    }

    void openRoom() throws Exception {
        rooms.open(ROOM, LiveRoomsTest.SESSION);
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
    }

    LiveRooms.Participant join(Role role, String id) {
        String token = tokens.issue(new JoinGrant(LiveRoomsTest.SESSION, ROOM, role, id, id));
        return rooms.join(new ConnectionId("c-" + id), null, token, "j").orElseThrow();
    }

    void publish(FakeJanus on, LiveRooms.Participant who) throws Exception {
        long before = started(who.participantId());
        rooms.handle(who, new ConnectionId("c-" + who.participantId()),
                new Incoming("p", new ClientMessage.Publish(LiveRoomsTest.OFFER)));
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        on.webrtcUp(who.participantId());
        await().atMost(5, TimeUnit.SECONDS).until(() -> started(who.participantId()) == before + 1);
    }

    long started(String id) {
        return events.stream().filter(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals(id))
                .count();
    }

    static long count(FakeJanus fake, String verb) {
        return fake.verbs().stream().filter(verb::equals).count();
    }

    MediaNodeStatus status(String node) {
        return nodes.status(node);
    }

    @Test
    void aNewRoomGoesToTheNodeWithFewerRoomsAndItsEndpointsFollowIt() throws Exception {
        nodes.createRoom(RoomSpec.of(new MediaRoomId(41), "s")).get(5, TimeUnit.SECONDS); // a: the first of equals
        assertThat(status("a").rooms()).isEqualTo(1);

        openRoom();
        assertThat(status("b").rooms()).isEqualTo(1);
        assertThat(count(b, "message/create")).isEqualTo(1);
        publish(b, join(Role.HOST, "host"));
        assertThat(count(b, "message/join")).isEqualTo(1);
        assertThat(count(a, "message/join")).isZero();
        assertThat(status("b").endpoints()).isEqualTo(1);

        rooms.end(ROOM, ServerMessage.EndReason.HOST);
        await().atMost(5, TimeUnit.SECONDS).until(() -> rooms.size() == 0);
        assertThat(status("b").rooms()).isZero();
        assertThat(status("b").endpoints()).isZero();
    }

    @Test
    void aDrainedNodeTakesNoNewRoomUntilUndrained() throws Exception {
        nodes.drain("a", true);
        nodes.createRoom(RoomSpec.of(new MediaRoomId(41), "s")).get(5, TimeUnit.SECONDS);
        nodes.createRoom(RoomSpec.of(new MediaRoomId(42), "s")).get(5, TimeUnit.SECONDS);
        assertThat(nodes.status()).extracting(MediaNodeStatus::name, MediaNodeStatus::drained, MediaNodeStatus::rooms)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", true, 0),
                        org.assertj.core.groups.Tuple.tuple("b", false, 2));

        nodes.drain("b", true);
        assertThatThrownBy(() -> nodes.createRoom(RoomSpec.of(new MediaRoomId(43), "s")).join())
                .hasMessageContaining("no media node takes new rooms");

        nodes.drain("a", false);
        nodes.createRoom(RoomSpec.of(new MediaRoomId(43), "s")).get(5, TimeUnit.SECONDS);
        assertThat(nodes.nodeOf(new MediaRoomId(43))).isEqualTo("a");
        assertThatThrownBy(() -> nodes.drain("c", true)).isInstanceOf(NoSuchMediaNodeException.class);
    }

    @Test
    void aLostNodesRoomIsMadeAgainOnTheOtherNodeAtOnceAndEveryonePublishesThere() throws Exception {
        openRoom();
        assertThat(status("a").rooms()).isEqualTo(1);
        LiveRooms.Participant host = join(Role.HOST, "host");
        LiveRooms.Participant official = join(Role.OFFICIAL, "off");
        publish(a, host);
        publish(a, official);

        a.silent = true; // node a goes away and stays away
        a.restart();
        await().atMost(10, TimeUnit.SECONDS).until(() -> connections.to("c-host").contains(new ServerMessage.MediaRestarted())
                && connections.to("c-off").contains(new ServerMessage.MediaRestarted()));
        assertThat(count(b, "message/create")).as("the media room made again on b").isEqualTo(1);
        assertThat(List.of(status("a").rooms(), status("b").rooms())).containsExactly(0, 1);

        publish(b, host);
        publish(b, official);
        assertThat(count(b, "message/join")).isEqualTo(2);
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsSubsequence("MediaNodeLost", "MediaNodeRestored", "PublishingStarted", "PublishingStarted");

        // a comes back: the room stays on b, nothing of it is made on a, and what a might still hold of it is removed
        long createsOnA = count(a, "message/create");
        a.silent = false;
        await().atMost(10, TimeUnit.SECONDS).until(() -> status("a").reachable() && count(a, "message/destroy") == 1);
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
        assertThat(count(a, "message/create")).isEqualTo(createsOnA);
        assertThat(List.of(status("a").rooms(), status("b").rooms())).containsExactly(0, 1);
    }

    @Test
    void withNoOtherNodeToTakeItTheRoomWaitsForItsNodeAsWithOne() throws Exception {
        openRoom();
        nodes.drain("b", true);
        LiveRooms.Participant host = join(Role.HOST, "host");
        publish(a, host);

        a.silent = true;
        a.restart();
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof RoomEvent.MediaNodeLost));
        assertThat(connections.to("c-host")).doesNotContain(new ServerMessage.MediaRestarted());
        assertThat(count(b, "message/create")).isZero();

        a.silent = false;
        await().atMost(10, TimeUnit.SECONDS).until(() -> connections.to("c-host").contains(new ServerMessage.MediaRestarted()));
        assertThat(List.of(status("a").rooms(), status("b").rooms())).containsExactly(1, 0);
        publish(a, host);
    }
}
