package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingEndedException;
import org.lianxin.recording.RecordingService;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.web.cluster.ClusterLease;
import org.lianxin.web.cluster.Lease;
import org.lianxin.web.cluster.RoomPlacement;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.live.SignalingProperties;
import org.lianxin.web.testing.AppInstances;
import org.lianxin.web.testing.TwoInstances;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A recording left open by an owner that is gone for good (issue 14: a dead disk, the node never comes back) and whose
 * room nobody takes: two whole application instances on one PostgreSQL database; the lost owner is what it leaves in
 * the database — its room's lease, lapsed, and its recording, RECORDING. One of the two instances (the cluster-wide
 * job's) ends it once the reconnect grace after the lease's end has passed: INTERRUPTED, the reason as its gap and in
 * its timeline, its manifest written, the room's lease taken from the lost owner (its epoch moves on: the lost owner,
 * if only paused, can no longer renew it) and given back; the catalog refuses the lost owner's writes to it. A
 * recording whose room a live instance holds, and one no room was opened for yet, are left alone. On main nothing ends
 * it: it stays RECORDING.
 */
class LostOwnersRecordingsIT {
    static final Duration GRACE = Duration.ofSeconds(3);
    static final Duration WITHIN = Duration.ofSeconds(30);

    static TwoInstances apps;
    static ConfigurableApplicationContext appA;

    @BeforeAll
    static void startBoth() throws Exception {
        apps = TwoInstances.start(TwoInstances.postgres("web_lost_owners"), "lost-owners-it-password",
                Map.of("lianxin.signaling.reconnect-grace", GRACE.toSeconds() + "s", "lianxin.recording.compose",
                        "false"));
        appA = apps.appA();
    }

    @AfterAll
    static void stop() throws Exception {
        AppInstances.closeAll(apps);
    }

    static RecordingCatalog catalog() {
        return appA.getBean(RecordingCatalog.class);
    }

    static JdbcClient jdbc() {
        return appA.getBean(JdbcClient.class);
    }

    /** A recording of {@code instance} in a room of its own, RECORDING with one track (or only PENDING). */
    static Recording recording(String instance, boolean capturing) {
        String room = "consultation-" + UUID.randomUUID();
        Instant now = Instant.now();
        Recording r = catalog().create(new RecordingCatalog.NewRecording(Recording.Kind.CONSULTATION, room, null,
                990_001L, null, 1L, instance, now.minusSeconds(60)));
        if (capturing) {
            catalog().markRecording(r.id(), now.minusSeconds(50));
            catalog().addTrack(new RecordingCatalog.Track(r.id(), "s0-p1", "official-1", "李主任", "HOST", 0,
                    now.minusSeconds(50), null, 0));
            catalog().addEvent(r.id(), new Manifest.TimelineEntry(now.minusSeconds(50), "RECORDING_STARTED", null,
                    null, null));
        }
        return catalog().find(r.id()).orElseThrow();
    }

    /** The room's lease as its owner left it: held by {@code holder} (epoch 4) until {@code until}. */
    static void lease(String room, String holder, Instant until) {
        jdbc().sql("insert into cluster_lease (name, holder, epoch, expires_at, node) values (?, ?, 4, ?, ?)")
                .params("room:" + room, holder, until.atOffset(ZoneOffset.UTC), holder).update();
    }

    @Test
    void aRecordingWhoseOwnerIsLostAndWhoseRoomNobodyTakesEndsOnceTheGraceAfterItsLeaseHasPassed() {
        Recording noted = recording("app-gone", false); // only a notice or a switch opened it: no room anywhere yet
        Recording heldByALiveOwner = recording("app-gone", true);
        lease(heldByALiveOwner.roomId(), "app-alive", Instant.now().plusSeconds(3600));
        Recording lost = recording("app-gone", true);
        Instant leaseEnd = Instant.now().minusSeconds(1);
        lease(lost.roomId(), "app-gone", leaseEnd);

        await("the lost owner's recording ended").atMost(WITHIN).pollInterval(Duration.ofMillis(200))
                .until(() -> catalog().find(lost.id()).orElseThrow().ended());
        Recording r = catalog().find(lost.id()).orElseThrow();
        assertThat(r.status()).isEqualTo(Recording.Status.INTERRUPTED);
        assertThat(r.endedAt()).as("not before the grace after the lease's end").isAfterOrEqualTo(leaseEnd.plus(GRACE));
        assertThat(r.manifestKey()).isEqualTo(Manifest.key(lost.id()));
        assertThat(r.manifestSha256()).isNotNull();
        assertThat(catalog().openInRoom(lost.roomId())).isEmpty();
        assertThat(catalog().gaps(lost.id())).singleElement().satisfies(g -> assertThat(g.reason())
                .startsWith("application instance app-gone lost; nobody took the room"));
        assertThat(catalog().timeline(lost.id())).extracting(Manifest.TimelineEntry::type)
                .containsSubsequence("RECORDING_STARTED", "OWNER_LOST").containsOnlyOnce("OWNER_LOST");
        assertThat(catalog().tracks(lost.id())).allSatisfy(t -> assertThat(t.endedAt()).isNotNull());

        // the room's lease: taken from the lost owner once (epoch 4 → 5) and given back
        Map<String, Object> row = jdbc().sql("select holder, epoch from cluster_lease where name = ?")
                .param("room:" + lost.roomId()).query().singleRow();
        assertThat(row.get("holder")).isNull();
        assertThat(((Number) row.get("epoch")).longValue()).isEqualTo(5L);
        // the lost owner, had it only paused: its lease cannot be renewed, its writes to the recording are refused
        ClusterLease pausedOwner = new ClusterLease(appA.getBean(DataSource.class), Clock.systemUTC(), "app-gone");
        assertThat(pausedOwner.renew(new Lease("room:" + lost.roomId(), "app-gone", 4, leaseEnd),
                Duration.ofSeconds(10))).isEmpty();
        assertThatThrownBy(() -> catalog().appendSegment(lost.id(), "s0-p1", 9, Recording.segmentKey(lost.id(),
                "s0-p1", 9), 100, "ab".repeat(32), Instant.now().minusSeconds(3), Instant.now(), 3_000))
                .isInstanceOf(RecordingEndedException.class);
        assertThatThrownBy(() -> catalog().addEvent(lost.id(), new Manifest.TimelineEntry(Instant.now(),
                "RECORDING_ENDED", null, null, "COMPLETED"))).isInstanceOf(RecordingEndedException.class);
        assertThat(catalog().segments(lost.id())).isEmpty();

        // swept in the same run (every open recording is looked at): these are not a lost owner's
        assertThat(catalog().find(heldByALiveOwner.id()).orElseThrow().status()).isEqualTo(Recording.Status.RECORDING);
        assertThat(catalog().find(noted.id()).orElseThrow().status()).isEqualTo(Recording.Status.PENDING);
    }

    /**
     * The job's guard: a room's lapsed lease is taken for lost only when two runs in a row see its row unchanged. The
     * job is run here by hand on a clock two hours ahead (the instances' own jobs, on the real clock, see these leases
     * as running for another hour and leave them alone). An owner whose lease lapsed (a database outage longer than
     * the grace) and that renews right after the first run keeps its room and its recording; a row that changed hands
     * twice between two runs (same holder and end, epoch 4 → 6) is seen anew, and ended only at the run after; one
     * left as it was is ended at the second run. Without the guard the first run ends all three.
     */
    @Test
    void aLapsedOwnerIsTakenForLostOnlyWhenTwoRunsInARowSeeItsLeaseUnchanged() {
        Instant leaseEnd = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        MutableClock clock = new MutableClock(leaseEnd.plus(Duration.ofHours(1)));
        LostOwnersRecordings job = new LostOwnersRecordings(catalog(), appA.getBean(RecordingService.class),
                appA.getBean(RoomPlacement.class), appA.getBean(SignalingProperties.class),
                appA.getBean(ClusterJobs.class), clock);
        Recording renews = recording("app-back", true);
        lease(renews.roomId(), "app-back", leaseEnd);
        Recording movedTwice = recording("app-twice", true);
        lease(movedTwice.roomId(), "app-twice", leaseEnd);
        Recording gone = recording("app-gone-2", true);
        lease(gone.roomId(), "app-gone-2", leaseEnd);

        assertThat(job.sweep()).as("first run: seen lapsed, nothing ended")
                .doesNotContain(renews.id(), movedTwice.id(), gone.id());
        // the owner is back and renews (its heartbeat right after the outage); the other lease changes hands twice
        ClusterLease owner = new ClusterLease(appA.getBean(DataSource.class), clock, "app-back");
        assertThat(owner.renew(new Lease("room:" + renews.roomId(), "app-back", 4, leaseEnd), Duration.ofSeconds(10)))
                .as("renewed").isPresent();
        jdbc().sql("update cluster_lease set epoch = 6 where name = ?").param("room:" + movedTwice.roomId()).update();
        clock.advance(GRACE);

        assertThat(job.sweep()).as("second run").contains(gone.id()).doesNotContain(renews.id(), movedTwice.id());
        assertThat(catalog().find(renews.id()).orElseThrow().status()).as("the owner that renewed keeps recording")
                .isEqualTo(Recording.Status.RECORDING);
        assertThat(leaseRow(renews.roomId())).as("and its room").containsEntry("holder", "app-back")
                .containsEntry("epoch", 4L);
        assertThat(catalog().find(movedTwice.id()).orElseThrow().status()).isEqualTo(Recording.Status.RECORDING);
        assertThat(catalog().find(gone.id()).orElseThrow().status()).isEqualTo(Recording.Status.INTERRUPTED);

        clock.advance(Duration.ofSeconds(20)); // the renewed lease has lapsed again by now: seen anew first
        assertThat(job.sweep()).as("third run").contains(movedTwice.id()).doesNotContain(renews.id());
        assertThat(catalog().find(movedTwice.id()).orElseThrow().status()).isEqualTo(Recording.Status.INTERRUPTED);
        assertThat(leaseRow(movedTwice.roomId())).as("taken at epoch 7 and given back").containsEntry("holder", null)
                .containsEntry("epoch", 7L);
        assertThat(catalog().find(renews.id()).orElseThrow().status()).isEqualTo(Recording.Status.RECORDING);
    }

    /** The room's lease row: holder and epoch. */
    static Map<String, Object> leaseRow(String room) {
        Map<String, Object> row = jdbc().sql("select holder, epoch from cluster_lease where name = ?")
                .param("room:" + room).query().singleRow();
        Map<String, Object> out = new java.util.HashMap<>();
        out.put("holder", row.get("holder"));
        out.put("epoch", ((Number) row.get("epoch")).longValue());
        return out;
    }
}
