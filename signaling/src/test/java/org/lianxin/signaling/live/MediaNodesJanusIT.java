package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.lianxin.signaling.media.ForwardTarget;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.nodes.MediaNodeStatus;
import org.lianxin.signaling.nodes.MediaNodes;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.signaling.testing.RtpSink;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live rooms on two real Janus nodes (two {@link JanusTestHost}s, each in its own network namespace) behind
 * {@link MediaNodes}, with headless Chromium running the web app's {@code live.js} (two participants): a drained node
 * gets no new room, a room goes to the node with fewer rooms, and when that node's Janus is killed (SIGKILL) the room
 * is made again on the other node at once: both participants publish and receive each other again there on the same
 * signaling connections, and a recorder's forward works on the new node. Prints the time from the kill to both
 * decoding each other's video again.
 */
class MediaNodesJanusIT {

    private static final Logger log = LoggerFactory.getLogger(MediaNodesJanusIT.class);
    private static final String ROOM = "booking-nodes";
    private static final SessionRef SESSION = SessionRef.reception("41");

    private JanusTestHost hostA;
    private JanusTestHost hostB;
    private MediaNodes nodes;
    private LiveRooms rooms;
    private TwoSessionsPage page;
    private RtpSink audio;
    private RtpSink video;
    private final JoinTokens tokens = new JoinTokens(
            "it-secret-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    private final List<RoomEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        if (!TwoSessionsPage.chromiumAvailable() && JanusTestHost.strict()) {
            throw new AssertionError("LIANXIN_TEST_STRICT: chromium missing");
        }
        assumeTrue(TwoSessionsPage.chromiumAvailable(), "needs chromium and chromedriver");
        hostA = JanusTestHost.start();
        hostB = JanusTestHost.start();
        assertThat(hostA.namespace()).isNotEqualTo(hostB.namespace());
        assertThat(hostA.janusAddress()).isNotEqualTo(hostB.janusAddress());
        JanusMediaEngine a = new JanusMediaEngine(hostA.settings());
        JanusMediaEngine b = new JanusMediaEngine(hostB.settings());
        nodes = new MediaNodes(List.of(new MediaNodes.Node("a", a), new MediaNodes.Node("b", b)));
        a.start().get(15, TimeUnit.SECONDS);
        b.start().get(15, TimeUnit.SECONDS);
        page = TwoSessionsPage.over(nodes, tokens, events);
        rooms = page.rooms();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (page != null) {
            page.close(); // and the rooms
        }
        for (RtpSink s : new RtpSink[] {audio, video}) {
            if (s != null) {
                s.close();
            }
        }
        if (nodes != null) {
            nodes.close();
        }
        for (JanusTestHost h : new JanusTestHost[] {hostA, hostB}) {
            if (h != null) {
                h.close();
            }
        }
    }

    @Test
    void aRoomGoesToTheLessLoadedNodeAndWhenItsJanusIsKilledItIsMadeAgainOnTheOtherWithMediaFlowingAgain()
            throws Exception {
        // a drained node gets no new room, however idle: the other room goes to a
        nodes.drain("b", true);
        MediaRoomId other = new MediaRoomId(424242);
        nodes.createRoom(RoomSpec.of(other, "other-secret")).get(10, TimeUnit.SECONDS);
        assertThat(nodes.nodeOf(other)).isEqualTo("a");
        nodes.drain("b", false);

        // the reception's room goes to b, which has fewer rooms
        rooms.open(ROOM, SESSION);
        rooms.mediaIdle(ROOM).get(10, TimeUnit.SECONDS);
        assertThat(rooms(nodes.status())).containsExactly(1, 1);

        page.open();
        assertThat(page.startSessions(token(Role.HOST, "a"), token(Role.OFFICIAL, "b"))).isEqualTo("started");
        await().atMost(30, TimeUnit.SECONDS).until(() -> page.decoded("a") > 10 && page.decoded("b") > 10);
        assertThat(nodes.status("b").endpoints()).isPositive();

        // b's Janus dies
        long killed = System.nanoTime();
        hostB.killJanus();
        await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e instanceof RoomEvent.MediaNodeRestored));
        long restoredMs = (System.nanoTime() - killed) / 1_000_000;
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsSubsequence("MediaNodeLost", "MediaNodeRestored");
        assertThat(rooms(nodes.status())).as("rooms on a, b").containsExactly(2, 0);
        await().atMost(30, TimeUnit.SECONDS).until(() -> {
            Map<String, Map<String, Object>> r = page.report();
            return TwoSessionsPage.num(r.get("a"), "mediarestart") >= 1
                    && TwoSessionsPage.num(r.get("b"), "mediarestart") >= 1
                    && TwoSessionsPage.num(r.get("a"), "framesDecoded") > 10
                    && TwoSessionsPage.num(r.get("b"), "framesDecoded") > 10;
        });
        long mediaBackMs = (System.nanoTime() - killed) / 1_000_000;
        log.info("MEDIA-NODES janus_kill_room_restored_ms={} janus_kill_media_back_ms={}", restoredMs, mediaBackMs);
        System.out.println("MEDIA-NODES janus_kill_room_restored_ms=" + restoredMs + " janus_kill_media_back_ms="
                + mediaBackMs);
        assertThat(hostB.isRunning()).as("b stays dead").isFalse();
        await().atMost(10, TimeUnit.SECONDS).until(() -> startedCount("a") == 2 && startedCount("b") == 2);
        assertThat(nodes.status("a").endpoints()).isPositive();

        Map<String, Map<String, Object>> r = page.report();
        for (String who : List.of("a", "b")) {
            assertThat(r.get(who).get("status")).as(who).isEqualTo("inSession");
            assertThat((String) r.get(who).get("statuses")).as(who + ": the signaling connection stayed")
                    .doesNotContain("reconnecting");
        }

        // the recording continues on the new node: a forward to a recorder beside node a delivers RTP
        audio = new RtpSink(hostA.hostAddress());
        video = new RtpSink(hostA.hostAddress());
        assertThat(rooms.forward(ROOM, "a", new ForwardTarget(hostA.hostAddress(), audio.port(), 111, video.port(), 96))
                .get(10, TimeUnit.SECONDS)).hasSize(2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> audio.packets() > 20 && video.packets() > 20);
    }

    private static List<Integer> rooms(List<MediaNodeStatus> status) {
        return status.stream().map(MediaNodeStatus::rooms).toList();
    }

    private String token(Role role, String id) {
        return tokens.issue(new JoinGrant(SESSION, ROOM, role, id, "name of " + id));
    }

    private long startedCount(String id) {
        return events.stream().filter(e -> e instanceof RoomEvent.PublishingStarted p && p.participantId().equals(id))
                .count();
    }
}
