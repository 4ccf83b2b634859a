package org.lianxin.signaling.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.ForwardTarget;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
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
 * An application instance lost mid-reception and its room taken over by claim (issue 14), on a real Janus
 * ({@link JanusTestHost}) with headless Chromium running the web app's {@code live.js} (two participants decoding each
 * other's video): instance A holds the room and records where its media is; A "dies" — its Janus connection dropped
 * without destroying anything (as kill -9), its signaling sockets cut by the balancer ({@link SwitchingProxy}), which
 * now routes to B; B, told the room is its with A's record, claims the room's Janus session and holds both places.
 * Both pages reconnect to B and resume (no new offer: the same peer connections), their decoded frames keep rising
 * through it, B forwards the host's feed to a recorder beside it, and the host ends the room on B. Prints the largest
 * gap in decoded frames and the time until both are back in session.
 */
class ClaimTakeoverJanusIT {

    private static final Logger log = LoggerFactory.getLogger(ClaimTakeoverJanusIT.class);
    private static final String ROOM = "booking-claim";
    private static final SessionRef SESSION = SessionRef.reception("44");

    private JanusTestHost janus;
    private JanusMediaEngine engineA;
    private JanusMediaEngine engineB;
    private MediaNodes nodesB;
    private TwoSessionsPage pageA;
    private TwoSessionsPage pageB;
    private SwitchingProxy balancer;
    private RtpSink audio;
    private RtpSink video;
    private final JoinTokens tokens = new JoinTokens(
            "it-secret-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
    private final List<RoomEvent> eventsA = new CopyOnWriteArrayList<>();
    private final List<RoomEvent> eventsB = new CopyOnWriteArrayList<>();
    private final List<RoomMediaJournal.State> recordedByA = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        if (!TwoSessionsPage.chromiumAvailable() && JanusTestHost.strict()) {
            throw new AssertionError("LIANXIN_TEST_STRICT: chromium missing");
        }
        assumeTrue(TwoSessionsPage.chromiumAvailable(), "needs chromium and chromedriver");
        janus = JanusTestHost.start();
        engineA = new JanusMediaEngine(janus.settings());
        engineB = new JanusMediaEngine(janus.settings());
        engineA.start().get(15, TimeUnit.SECONDS);
        engineB.start().get(15, TimeUnit.SECONDS);
        // both instances name the node alike, as from one configuration
        pageA = TwoSessionsPage.over(new MediaNodes(List.of(new MediaNodes.Node("n1", engineA))), tokens, eventsA);
        nodesB = new MediaNodes(List.of(new MediaNodes.Node("n1", engineB)));
        pageB = TwoSessionsPage.over(nodesB, tokens, eventsB);
        pageA.rooms().journalTo(new RoomMediaJournal() {
            @Override
            public void changed(State state) {
                recordedByA.add(state);
            }

            @Override
            public void ended(String roomId) {
            }
        });
        // B's placement: the room is B's now, with what A recorded last (the database's part, here in memory)
        pageB.rooms().ownedBy(roomId -> RoomOwners.Whereabouts.takenOver(recordedByA.get(recordedByA.size() - 1)));
        balancer = new SwitchingProxy(pageA.port());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {pageB, balancer, audio, video, engineB}) {
            if (c != null) {
                c.close();
            }
        }
        if (pageA != null) {
            pageA.close(); // its rooms end on a connection already dropped: nothing reaches Janus
        }
        if (engineA != null) {
            engineA.close();
        }
        if (janus != null) {
            janus.close();
        }
    }

    private String token(Role role, String id) {
        return tokens.issue(new JoinGrant(SESSION, ROOM, role, id, "name of " + id));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> report() {
        return pageA.report(); // the one browser (opened by pageA's helper, served through the balancer)
    }

    @Test
    void aRoomTakenOverByClaimKeepsItsMediaFlowingAndItsPagesResumeOnTheSuccessor() throws Exception {
        pageA.rooms().open(ROOM, SESSION);
        pageA.open("http://127.0.0.1:" + balancer.port() + "/");
        String ws = "ws://127.0.0.1:" + balancer.port() + SignalingEndpoint.PATH;
        assertThat(pageA.startSessions(ws, token(Role.HOST, "a"), token(Role.OFFICIAL, "b"))).isEqualTo("started");
        await().atMost(40, TimeUnit.SECONDS).until(() -> pageA.decoded("a") > 10 && pageA.decoded("b") > 10);
        // A has recorded both participants' publisher and subscriber
        await().atMost(10, TimeUnit.SECONDS).until(() -> !recordedByA.isEmpty()
                && recordedByA.get(recordedByA.size() - 1).endpoints().size() == 4
                && recordedByA.get(recordedByA.size() - 1).members().size() == 2);
        assertThat(pageA.script("return window.markPeerConnections();")).isEqualTo(2L);
        pageA.script("return window.startGapMeter();");
        await().atMost(5, TimeUnit.SECONDS).until(() -> gap(report(), "a") >= 0 && gap(report(), "b") >= 0);
        long beforeA = pageA.decoded("a");
        long beforeB = pageA.decoded("b");

        // A dies: no word to Janus, its sockets cut; the balancer routes to B from now on
        long killed = System.nanoTime();
        engineA.abandon();
        balancer.switchTo(pageB.port());

        await().atMost(15, TimeUnit.SECONDS).until(() -> {
            Map<String, Map<String, Object>> r = report();
            return joins(r, "a").endsWith("resumed") && joins(r, "b").endsWith("resumed")
                    && "inSession".equals(r.get("a").get("status")) && "inSession".equals(r.get("b").get("status"));
        });
        long signalingBackMs = (System.nanoTime() - killed) / 1_000_000;
        assertThat(pageB.rooms().isOpen(ROOM)).isTrue();
        // the media kept flowing: both keep decoding, on the same peer connections
        await().atMost(10, TimeUnit.SECONDS).until(() -> pageA.decoded("a") > beforeA + 60
                && pageA.decoded("b") > beforeB + 60);
        Map<String, Map<String, Object>> r = report();
        long gapA = gap(r, "a");
        long gapB = gap(r, "b");
        log.info("CLAIM-TAKEOVER app_kill_media_gap_ms a={} b={} app_kill_signaling_back_ms={}", gapA, gapB,
                signalingBackMs);
        System.out.println("CLAIM-TAKEOVER app_kill_media_gap_ms a=" + gapA + " b=" + gapB
                + " app_kill_signaling_back_ms=" + signalingBackMs);
        for (String who : List.of("a", "b")) {
            assertThat(r.get(who).get("pcsKept")).as(who + " kept its peer connections").isEqualTo(true);
            assertThat(joins(r, who)).as(who + ": joined new once, then resumed").isEqualTo("new,resumed");
            assertThat((String) r.get(who).get("errors")).as(who).isEmpty();
            assertThat(TwoSessionsPage.num(r.get(who), "mediarestart")).as(who + ": no media restart").isZero();
        }
        assertThat(Math.max(gapA, gapB)).as("largest gap in decoded frames (ms)").isLessThan(1500);
        // on B the publishers counted as new (the recording's path), nobody entered anew
        assertThat(eventsB).filteredOn(e -> e instanceof RoomEvent.PublishingStarted).hasSize(2);
        assertThat(eventsB).noneMatch(e -> e instanceof RoomEvent.ParticipantEntered);

        // B forwards the host's claimed feed (simulcast layers as recorded) to a recorder beside it
        audio = new RtpSink(janus.hostAddress());
        video = new RtpSink(janus.hostAddress());
        assertThat(pageB.rooms().forward(ROOM, "a", new ForwardTarget(janus.hostAddress(), audio.port(), 111,
                video.port(), 96)).get(10, TimeUnit.SECONDS)).hasSize(2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> audio.packets() > 20 && video.packets() > 20);
        log.info("CLAIM-TAKEOVER forward on B: audio packets {}, video packets {}", audio.packets(), video.packets());
        System.out.println("CLAIM-TAKEOVER forward on B: audio packets " + audio.packets() + ", video packets "
                + video.packets());

        // the host ends the room on B
        Object sent = pageA.script("return String(window.lx.sessions.a.session.end());");
        assertThat(sent).as("the host's end was sent (%s)", report()).isNotEqualTo("null");
        await().atMost(10, TimeUnit.SECONDS).until(() -> eventsB.stream()
                .anyMatch(e -> e instanceof RoomEvent.SessionEnded));
        await().atMost(10, TimeUnit.SECONDS).until(() -> "ended".equals(report().get("a").get("status"))
                && "ended".equals(report().get("b").get("status")));
        await().atMost(10, TimeUnit.SECONDS).until(() -> !pageB.rooms().isOpen(ROOM));
        assertThat(eventsA).noneMatch(e -> e instanceof RoomEvent.SessionEnded);
    }

    private static String joins(Map<String, Map<String, Object>> r, String who) {
        Object j = r.get(who) == null ? null : r.get(who).get("joins");
        return j == null ? "" : j.toString();
    }

    private static long gap(Map<String, Map<String, Object>> r, String who) {
        return TwoSessionsPage.num(r.get(who), "maxGapMs");
    }
}
