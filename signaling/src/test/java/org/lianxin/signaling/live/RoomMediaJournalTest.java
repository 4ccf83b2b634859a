package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.Participant;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.media.internal.janus.JanusSettings;
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
 * The live rooms tell their {@link RoomMediaJournal} where each room's media is (issue 14) — on the Janus adapter
 * against {@link FakeJanus} — and what they tell is enough for another engine to claim the session and use the
 * room's endpoints.
 */
class RoomMediaJournalTest {

    static final String ROOM = LiveRoomsTest.ROOM;

    final List<RoomMediaJournal.State> told = new CopyOnWriteArrayList<>();
    final List<String> ended = new CopyOnWriteArrayList<>();
    final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    LiveRoomsTest.TestClock clock;
    JoinTokens tokens;
    FakeJanus fake;
    JanusMediaEngine engine;
    JanusMediaEngine successor;
    LiveRooms rooms;

    JanusSettings settings() {
        return JanusSettings.of(fake.uri(), "test-admin-key").withRequestTimeout(Duration.ofSeconds(2))
                .withReconnect(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    @BeforeEach
    void start() throws Exception {
        clock = new LiveRoomsTest.TestClock(Instant.parse("2026-12-03T06:00:00Z"));
        tokens = new JoinTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
        fake = new FakeJanus();
        engine = new JanusMediaEngine(settings());
        engine.start().get(5, TimeUnit.SECONDS);
        rooms = new LiveRooms(engine, tokens, new RoomSettings(Duration.ofSeconds(30), Duration.ofMinutes(15)), clock,
                new LiveRoomsTest.Recorded(), (room, session, e) -> events.add(e));
        rooms.journalTo(new RoomMediaJournal() {
            @Override
            public void changed(State state) {
                told.add(state);
            }

            @Override
            public void ended(String roomId) {
                ended.add(roomId);
            }
        });
        rooms.start();
        rooms.open(ROOM, LiveRoomsTest.SESSION);
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        rooms.stop(Duration.ofSeconds(2));
        engine.close();
        if (successor != null) {
            successor.close();
        }
        fake.close();
    }

    LiveRooms.Participant join(Role role, String id) {
        String token = tokens.issue(new JoinGrant(LiveRoomsTest.SESSION, ROOM, role, id, id));
        return rooms.join(new ConnectionId("c-" + id), null, token, "j").orElseThrow();
    }

    void send(LiveRooms.Participant who, ClientMessage m) throws Exception {
        rooms.handle(who, new ConnectionId("c-" + who.participantId()), new Incoming("x", m));
        rooms.mediaIdle(ROOM).get(5, TimeUnit.SECONDS);
    }

    RoomMediaJournal.State last() {
        return told.get(told.size() - 1);
    }

    @Test
    void everyEndpointMadeOrClosedIsToldWithTheSessionAndRoomAndTheEndIsToo() throws Exception {
        await().atMost(5, TimeUnit.SECONDS).until(() -> !told.isEmpty());
        assertThat(last().endpoints()).isEmpty(); // the media room made, nobody on it yet
        assertThat(last().session()).isNotZero().isNotEqualTo(engine.sessionId()); // the room's own session
        assertThat(fake.hasSession(last().session())).isTrue();
        assertThat(last().node()).isEqualTo(fake.uri().toString());
        assertThat(fake.hasRoom(last().nodeRoom())).isTrue();

        LiveRooms.Participant host = join(Role.HOST, "host");
        LiveRooms.Participant official = join(Role.OFFICIAL, "off");
        send(host, new ClientMessage.Publish(LiveRoomsTest.OFFER));
        fake.webrtcUp("host");
        await().atMost(5, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals("host")));
        send(official, new ClientMessage.Subscribe(List.of("host")));

        await().atMost(5, TimeUnit.SECONDS).until(() -> last().endpoints().size() == 2);
        RoomMediaJournal.State state = last();
        assertThat(state.endpoints()).extracting(RoomMediaJournal.Endpoint::participantId,
                RoomMediaJournal.Endpoint::publisher, RoomMediaJournal.Endpoint::subscribedTo)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("host", true, List.of()),
                        org.assertj.core.groups.Tuple.tuple("off", false, List.of("host")));
        assertThat(state.endpoints()).filteredOn(RoomMediaJournal.Endpoint::publisher).singleElement()
                .satisfies(p -> assertThat(p.handle()).isEqualTo(fake.publisherHandle("host")));
        assertThat(state.toString()).doesNotContain(state.nodeRoomSecret());
        int toldSoFar = told.size();

        send(host, new ClientMessage.Mute("host", org.lianxin.signaling.protocol.MediaKind.VIDEO)); // no endpoint change
        // but a change of a place (a successor holds it muted): told once, with the same endpoints
        await().atMost(5, TimeUnit.SECONDS).until(() -> told.size() == toldSoFar + 1);
        assertThat(last().endpoints()).isEqualTo(state.endpoints());
        assertThat(last().members()).filteredOn(m -> m.participantId().equals("host")).singleElement()
                .satisfies(m -> assertThat(m.videoMuted()).isTrue());

        rooms.end(ROOM, ServerMessage.EndReason.HOST);
        await().atMost(5, TimeUnit.SECONDS).until(() -> ended.contains(ROOM));
    }

    @Test
    void whatIsToldIsEnoughForAnotherEngineToClaimTheSessionAndUseTheEndpoints() throws Exception {
        LiveRooms.Participant host = join(Role.HOST, "host");
        send(host, new ClientMessage.Publish(LiveRoomsTest.OFFER));
        await().atMost(5, TimeUnit.SECONDS).until(() -> !told.isEmpty() && last().endpoints().size() == 1);
        RoomMediaJournal.State state = last();

        engine.abandon(); // the instance is gone without a word to Janus

        successor = JanusMediaEngine.claiming(settings(), state.session());
        successor.start().get(5, TimeUnit.SECONDS);
        MediaRoomId room = new MediaRoomId(state.nodeRoom());
        RoomMediaJournal.Endpoint p = state.endpoints().get(0);
        List<Participant> now = successor.adopt(room, List.of(new JanusMediaEngine.AdoptedEndpoint(
                new EndpointId(p.handle()), room, true, new FeedId(p.feed())))).get(5, TimeUnit.SECONDS);
        assertThat(now).extracting(Participant::feed).containsExactly(new FeedId(p.feed()));
        successor.requestKeyframe(new EndpointId(p.handle())).get(5, TimeUnit.SECONDS);
        assertThat(fake.keyframeRequests()).last().isEqualTo("host");
        assertThat(fake.sessionsCreated()).isEqualTo(2); // the instance's own and the room's
    }
}
