package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lianxin.signaling.testing.JanusTestHost;

/**
 * Issue 14's topology test on one machine ({@link Topology}: HAProxy, two app nodes, two Janus nodes in network
 * namespaces, PostgreSQL, S3Proxy, coturn — deploy/'s templates filled) with one live reception of two headless
 * Chromiums through HAProxy ({@link FailoverReception}), both in a county namespace ({@link TopologyCounty}) that
 * reaches only HAProxy's 443 and coturn's 443: their media is relayed by coturn over TLS (asserted from getStats: the
 * selected candidate pair of each page's publisher and subscriber connection has a local {@code relay} candidate over
 * {@code tls}, before the app kill, and before and after the Janus kill, i.e. to both Janus nodes).
 *
 * <p>What main does today is asserted, not the goals it does not meet yet: after kill -9 of the room's owner
 * the other node takes the room over by building it anew (the Janus {@code claim} takeover that would keep media is
 * not in main), so the media gap is printed, not held to 500 ms; the invariants that hold are asserted: the other node
 * owns the room, both pages' signaling is joined again and both ends decode again, the booking ends COMPLETED when the
 * leader ends, and the recording moved to the new owner with at most 10 s of any participant's media missing (the
 * petitioner publishes from the lobby and the kiosk's recording notice goes to the node not owning the room, as the
 * real pages do behind HAProxy). Then SIGKILL of the Janus node the room is on: media back at both ends within 5 s (the goal,
 * which main meets: the room is made again on the other node). Then the database taken from both app nodes for
 * 10 s: the media goes on (no frame gap of 500 ms), a new join is refused with a problem detail (its status printed:
 * main says 401 "log in first", not a clear "database unavailable"), joins work again after. The dead owner is
 * noticed by its freed PostgreSQL advisory lock and its room taken over at the first join (signaling back 0.5–2.1 s on
 * a loaded machine), but one bench run of eight fell back to the lease's lapse (6.2 s) for a reason not yet known:
 * signaling is asserted within 10 s until that is understood (the goal is 3 s).
 *
 * <p>The topology is shared with {@link TopologyPagesIT} ({@link SharedTopology}: started by whichever runs first,
 * closed after both).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedTopology.class)
class TopologyIT {
    private static Topology topology;

    @BeforeAll
    static void start(Topology shared) {
        topology = shared;
    }

    @Test
    @Order(0)
    void theCountyReachesHaproxyAndCoturnOnlyNotTheJanusNodes() {
        TopologyCounty county = topology.county();
        assertThat(county.countyReaches(county.frontAddress(), 443)).as("HAProxy's HTTPS frontend").isTrue();
        assertThat(county.countyReaches(county.turnAddress(), 443)).as("coturn's turns: on 443").isTrue();
        assertThat(county.countyReaches(county.turnAddress(), TopologyTurn.TURN_PORT)).as("coturn's 3478 (TCP)")
                .isFalse();
        for (JanusTestHost j : java.util.List.of(topology.janus1(), topology.janus2())) {
            assertThat(county.countyReaches(j.janusAddress(), j.wsUrl().getPort())).as("Janus " + j.janusAddress())
                    .isFalse();
        }
    }

    @Test
    @Order(3)
    void withTheDatabaseGoneForTenSecondsMediaGoesOnNewJoinsAreRefusedClearlyAndAllResumes() throws Exception {
        FailoverBench.DatabaseStop d;
        try {
            d = FailoverBench.databaseStop(topology, 10);
        } catch (Exception | Error e) {
            printLogs();
            throw e;
        }
        System.out.println("database stop: longest frame gap " + d.mediaGapMs() + " ms (" + d.gapWhere()
                + " after the cut); join during it: "
                + d.refusedStatus() + " " + d.refusedBody() + "; join back " + d.joinBackMs() + " ms after; load "
                + WebhookBench.loadAverage());
        // media does not depend on the database: with it gone for 10 s, no receiver misses more than a moment. How long
        // a moment is, is the failover bench's to measure (BENCHMARKS "failover"). Here on a quiet machine: 366 ms, the
        // receivers' own freezes 0 ms, the page's poll stalled 155–195 ms; in stop 28's full run on a loaded 2-core
        // machine: 574 and 625 ms, the browsers' own freezes at the cut 423–509 ms and the page's poll stalled up to
        // 548 ms (the browsers starved, not the media cut). So the bound is the functional one — far below the 10 s a
        // dependency on the database would show — not a speed goal.
        assertThat(d.mediaGapMs()).as("live media unaffected: longest frame gap (ms); %s", d.gapWhere()).isLessThan(2000);
        // refused with a clear problem: 503 database-unavailable, also when the failure came while looking the user
        // up (HTTP Basic) — before the fix it was 401 "log in first"
        assertThat(d.refusedStatus()).as("a new join while the database is gone").isEqualTo(503);
        assertThat(d.refusedBody()).as("a problem detail, no stack trace").contains("\"title\"")
                .contains("database-unavailable").doesNotContain("at org.").doesNotContain("Exception");
        assertThat(d.state()).isEqualTo("COMPLETED");
    }

    private static void printLogs() {
        for (String app : Topology.APPS) {
            System.out.println("---- " + app + " (warnings and errors):");
            topology.logTail(app, 400_000).lines().filter(l -> l.contains("WARN") || l.contains("ERROR")
                    || l.contains("Exception")).skip(0).forEach(System.out::println);
        }
        System.out.println("---- janus-1: " + topology.janus1().logTail(30));
        System.out.println("---- janus-2: " + topology.janus2().logTail(30));
        System.out.println("---- coturn: " + topology.turnLogTail(4000));
    }

    @AfterAll
    static void stop() {
        // the topology itself is closed once every topology IT of this JVM is done (SharedTopology)
        if (topology != null) {
            assertThat(topology.secretsInLogs()).as("secrets whose values stand in an app node's log").isEmpty();
        }
    }

    @Test
    @Order(1)
    void killingTheRoomsOwnerHandsTheReceptionToTheOtherNodeAndTheBookingCompletes() throws Exception {
        FailoverBench.AppKill k;
        try {
            k = FailoverBench.appKill(topology);
        } catch (Exception | Error e) {
            printLogs();
            throw e;
        }
        topology.restartApp(k.killed()); // first: the next scenario (and the next class) needs both nodes
        System.out.println("app kill: killed " + k.killed() + ", taken over by " + k.takenBy() + " ("
                + (k.resumed() ? "media claimed, both pages resumed" : "built anew") + "), media gap "
                + k.mediaGapMs() + " ms (issue's goal 500), signaling back " + k.signalingBackMs() + " ms, routes "
                + k.routes() + "; load "
                + WebhookBench.loadAverage());
        assertThat(k.routes()).as("both pages' publisher and subscriber relayed by coturn over TLS (getStats)")
                .hasSize(4).allMatch(r -> r.split(" ")[2].equals("relay/tls"));
        assertThat(k.resumed()).as("the room taken over with its media claimed: both pages resumed, connections kept")
                .isTrue();
        assertThat(k.takenBy()).as("the room's owner after the kill").isNotNull().isNotEqualTo(k.killed());
        assertThat(k.signalingBackMs()).as("signaling back (ms after the kill)").isLessThan(10_000);
        assertThat(k.state()).isEqualTo("COMPLETED");
        System.out.println("app kill: " + k.recording());
        // the recording moved to the new owner: verified in storage with at most the lost node's open segment of each
        // track missing (both publishers record from the lobby on, each its own series: 2 in all was seen, a quiet
        // full run), no other problem (sizes, hashes, chain), and the takeover in its manifest
        assertThat(k.recording().mostMissingInOneTrack()).as("segments missing from one track's series")
                .isLessThanOrEqualTo(1);
        assertThat(k.recording().problems()).as("other problems the verifier found").isEmpty();
        assertThat(k.recording().takeover()).as("the takeover in the manifest's timeline").isTrue();
        // and in time, not only segments: the longest stretch of one participant's media missing (issue's goal 10 s;
        // with the kiosk's notice told to the other node, before the fix the new owner never recorded: 63-151 s)
        assertThat(k.recording().lostSeconds()).as("seconds of one participant's media missing from the recording")
                .isLessThanOrEqualTo(10.0);
    }

    @Test
    @Order(2)
    void killingTheRoomsJanusNodeBringsMediaBackOnTheOtherWithinFiveSeconds() throws Exception {
        FailoverBench.JanusKill k;
        try {
            k = FailoverBench.janusKill(topology);
        } catch (Exception | Error e) {
            printLogs();
            throw e;
        }
        System.out.println("janus kill: media back " + k.mediaBackMs() + " ms, routes before " + k.routesBefore()
                + ", after " + k.routes() + "; load " + WebhookBench.loadAverage());
        // relayed to the node killed, then to the other one: coturn relays to both Janus nodes (allowed-peer-ip)
        assertThat(k.routesBefore()).as("both pages relayed by coturn over TLS before the kill (getStats)")
                .hasSize(4).allMatch(r -> r.split(" ")[2].equals("relay/tls"));
        assertThat(k.routes()).as("both pages relayed by coturn over TLS once back (getStats)")
                .hasSize(4).allMatch(r -> r.split(" ")[2].equals("relay/tls"));
        assertThat(k.routes().get(0).split(" ")[3]).as("the Janus node after the kill")
                .isNotEqualTo(k.routesBefore().get(0).split(" ")[3]);
        assertThat(k.mediaBackMs()).as("media back at both ends (ms after the kill)").isLessThanOrEqualTo(5000);
        assertThat(k.state()).isEqualTo("COMPLETED");
    }
}
