package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.Forwarder;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.testing.CounterWaits;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.signaling.testing.RtpSink;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.signaling.media.ForwardTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole live path against a real Janus: headless Chromium running the web app's own
 * {@code live.js} (two participants in one page) over our signaling WebSocket endpoint, LiveRooms,
 * the Janus adapter and Janus in its network namespace. Recording's forwarders deliver RTP to a UDP
 * socket on the veth; then Janus is stopped for several seconds and started again, and both
 * participants publish and receive each other again on the same signaling connections.
 */
class LiveRoomsJanusIT {

    private static final Logger log = LoggerFactory.getLogger(LiveRoomsJanusIT.class);
    private static final String ROOM = "booking-restart";
    private static final SessionRef SESSION = SessionRef.reception("31");
    /** How long Janus stays down. */
    private static final Duration DOWN = Duration.ofSeconds(6);

    private JanusTestHost janus;
    private JanusMediaEngine engine;
    private LiveRooms rooms;
    private TwoSessionsPage page;
    private final JoinTokens tokens = new JoinTokens(
            "it-secret-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    private final List<RoomEvent> events = new CopyOnWriteArrayList<>();
    private final List<RtpSink> sinks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        boolean chromium = TwoSessionsPage.chromiumAvailable();
        if (!chromium && JanusTestHost.strict()) {
            throw new AssertionError("LIANXIN_TEST_STRICT: chromium missing");
        }
        assumeTrue(chromium, "needs chromium and chromedriver");
        janus = JanusTestHost.start();
        engine = new JanusMediaEngine(janus.settings());
        engine.start().get(15, TimeUnit.SECONDS);
        page = TwoSessionsPage.over(engine, tokens, events);
        rooms = page.rooms();
        rooms.open(ROOM, SESSION);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (page != null) {
            page.close(); // and the rooms
        }
        sinks.forEach(RtpSink::close);
        if (engine != null) {
            engine.close();
        }
        if (janus != null) {
            janus.close();
        }
    }

    @Test
    void forwardersDeliverRtpAndAfterAJanusRestartBothPublishAndReceiveAgainOnTheSameConnections() throws Exception {
        page.open();
        assertThat(page.startSessions(token(Role.HOST, "a"), token(Role.OFFICIAL, "b"))).isEqualTo("started");

        await().atMost(30, TimeUnit.SECONDS).until(() -> decoded("a") > 10 && decoded("b") > 10);
        assertThat(startedCount("a")).isEqualTo(1);
        assertThat(startedCount("b")).isEqualTo(1);

        // recording: forward a's feed to sockets on our end of the veth
        RtpSink audio = sink();
        RtpSink video = sink();
        List<Forwarder> forwarders = rooms.forward(ROOM, "a", recorder(janus.hostAddress(), audio.port(), video.port()))
                .get(10, TimeUnit.SECONDS);
        assertThat(forwarders).hasSize(2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> audio.packets() > 20 && video.packets() > 20);
        assertThat(audio.payloadTypes()).containsExactly(111);
        assertThat(video.payloadTypes()).containsExactly(96);
        rooms.requestKeyframe(ROOM, "a").get(10, TimeUnit.SECONDS);
        rooms.requestKeyframe(ROOM, "b").get(10, TimeUnit.SECONDS);
        try {
            rooms.requestKeyframe(ROOM, "nobody").get(10, TimeUnit.SECONDS);
            throw new AssertionError("a keyframe for nobody");
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(MediaException.in(e).orElseThrow().code()).isEqualTo(MediaException.Code.MEDIA_NOT_PUBLISHED);
        }

        // Janus goes down for several seconds
        janus.stopJanus();
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof RoomEvent.MediaNodeLost));
        // down for several seconds: until the adapter has seen the node unreachable for 6 s
        await().atMost(30, TimeUnit.SECONDS).until(() -> !engine.health().reachable()
                && Duration.between(engine.health().since(), java.time.Instant.now()).compareTo(DOWN) >= 0);
        assertThat(rooms.isOpen(ROOM)).isTrue();
        assertThat(events).noneMatch(e -> e instanceof RoomEvent.MediaNodeRestored);
        long audioWhileDown = audio.packets();

        long back = System.nanoTime();
        janus.startJanus();
        await().atMost(30, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof RoomEvent.MediaNodeRestored));
        long restoredMs = (System.nanoTime() - back) / 1_000_000;
        await().atMost(30, TimeUnit.SECONDS).until(() -> {
            Map<String, Map<String, Object>> r = report();
            return num(r.get("a"), "mediarestart") >= 1 && num(r.get("b"), "mediarestart") >= 1
                    && num(r.get("a"), "framesDecoded") > 10 && num(r.get("b"), "framesDecoded") > 10;
        });
        long flowingMs = (System.nanoTime() - back) / 1_000_000;
        log.info("Janus back -> room restored {} ms, both decoding each other again {} ms", restoredMs, flowingMs);
        await().atMost(5, TimeUnit.SECONDS).until(() -> startedCount("a") == 2 && startedCount("b") == 2);

        Map<String, Map<String, Object>> r = report();
        for (String who : List.of("a", "b")) {
            assertThat(r.get(who).get("status")).as(who).isEqualTo("inSession");
            assertThat((String) r.get(who).get("statuses")).as(who + ": the signaling connection stayed")
                    .doesNotContain("reconnecting");
            assertThat(num(r.get(who), "mediarestart")).as(who).isEqualTo(1);
        }
        assertThat(events).filteredOn(e -> e instanceof RoomEvent.PublishingStopped).hasSize(2);

        // the recording goes on: forward again (the recorder does this on PublishingStarted)
        assertThat(audio.packets()).as("nothing forwarded on a dead node").isLessThan(audioWhileDown + 5);
        RtpSink audio2 = sink();
        RtpSink video2 = sink();
        rooms.forward(ROOM, "a", recorder(janus.hostAddress(), audio2.port(), video2.port())).get(10, TimeUnit.SECONDS);
        await().atMost(10, TimeUnit.SECONDS).until(() -> audio2.packets() > 20 && video2.packets() > 20);
        rooms.stopForward(ROOM, "a").get(10, TimeUnit.SECONDS);
        // what was on its way has arrived; then, for a second (a measurement, not a wait), nothing more
        CounterWaits.awaitUnchangedFor("forwarded packets", () -> audio2.packets() + video2.packets(),
                Duration.ofMillis(500), Duration.ofSeconds(10));
        long stopped = audio2.packets() + video2.packets();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(audio2.packets() + video2.packets()).as("after stopForward")
                        .isEqualTo(stopped));
    }

    // ------------------------------------------------------------------ helpers

    private String token(Role role, String id) {
        return tokens.issue(new JoinGrant(SESSION, ROOM, role, id, "name of " + id));
    }

    private long startedCount(String id) {
        return events.stream().filter(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals(id))
                .count();
    }

    private Map<String, Map<String, Object>> report() {
        return page.report();
    }

    private long decoded(String who) {
        return page.decoded(who);
    }

    private static long num(Map<String, Object> r, String key) {
        return TwoSessionsPage.num(r, key);
    }

    private RtpSink sink() throws SocketException {
        RtpSink s = new RtpSink(janus.hostAddress());
        sinks.add(s);
        return s;
    }

    /** The recorder's side of a forward: Opus on payload type 111, VP8 on 96 (what the tests' receivers expect). */
    private static ForwardTarget recorder(String host, int audioPort, int videoPort) {
        return new ForwardTarget(host, audioPort, 111, videoPort, 96);
    }
}
