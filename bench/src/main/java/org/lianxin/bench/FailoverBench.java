package org.lianxin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.verify.RecordingVerifier;

/**
 * {@code ./lianxin bench failover} (issue 14): the {@link Topology} (HAProxy, two app nodes, two Janus nodes,
 * PostgreSQL, S3Proxy, coturn; deploy/'s templates), one live reception at a time ({@link FailoverReception}: two
 * headless Chromiums in a county namespace that reaches only HAProxy's and coturn's 443, media relayed by coturn),
 * {@code LIANXIN_BENCH_RUNS} (5) kills of each kind:
 * <ul>
 *   <li>app kill: kill -9 of the room's owner node mid-reception. Measured from the kill: the longest time either end
 *   decoded no frame ({@code app_kill_media_gap_ms}), when both pages' signaling was joined again
 *   ({@code app_kill_signaling_back_ms}); the killed node is started again before the next run.</li>
 *   <li>Janus kill: SIGKILL of the Janus node hosting the room: when both ends decode again
 *   ({@code janus_kill_media_back_ms}); that Janus is started again before the next run.</li>
 * </ul>
 * Each run is a fresh reception, ended by the host (the booking must end COMPLETED). After an app kill the
 * reception's recording is verified in storage against its manifest ({@link RecordingVerifier}: segments missing,
 * other problems), its manifest must note the takeover, and {@code recording_lost_s} is the longest stretch of one
 * participant's media missing from it ({@link RecordingLoss}), the max over the runs.
 */
public final class FailoverBench {
    static final int RUNS = BenchSettings.integer("LIANXIN_BENCH_RUNS", "lianxin.bench.runs", 5);

    /**
     * Which pages the kills run under: {@code LIANXIN_BENCH_PAGES=product} the product's kiosk and console
     * ({@link PagesReception}), else the bench page ({@link FailoverReception}).
     */
    static LiveReception.Start pages() {
        String p = System.getenv("LIANXIN_BENCH_PAGES");
        return "product".equals(p) ? PagesReception::new : FailoverReception::new;
    }

    /**
     * One app kill: the owner killed, the node that took the room, the numbers, the recording, and the selected
     * candidate pairs of both pages' connections before the kill ({@link FailoverReception#routes()}).
     */
    record AppKill(String killed, String takenBy, long mediaGapMs, long signalingBackMs, boolean resumed, String state,
                   RecordingCheck recording, List<String> routes) {
    }

    /** Whether every route of {@link FailoverReception#routes()} is relayed by coturn over TLS. */
    static boolean allRelayed(List<String> routes) {
        return routes.size() == 4 && routes.stream().allMatch(r -> r.split(" ")[2].equals("relay/tls"));
    }

    /**
     * The reception's recording after the end, in storage: its id, how many segments its manifest lists, how many of
     * them are missing from storage and the most of them in one track's series (each publisher's track has a segment
     * open on a killed node: one each can be lost), what else the verifier found, whether the takeover is in its
     * manifest, and the seconds of media lost.
     */
    record RecordingCheck(long id, int segments, int missing, int mostMissingInOneTrack, List<String> problems,
                          boolean takeover, double lostSeconds, String tracks) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "recording %d: %d segments, %d missing, takeover %s, lost %.1f s,"
                            + " tracks %s%s", id, segments, missing, takeover ? "noted" : "NOT noted", lostSeconds,
                    tracks, problems.isEmpty() ? "" : ", problems " + problems);
        }
    }

    /** The booking's recording once ended and its manifest in storage (60 s at most), verified. */
    static RecordingCheck checkRecording(Topology topology, long bookingId) throws Exception {
        Topology.await("the recording of booking " + bookingId + " ended", 60,
                () -> topology.endedRecordingOfBooking(bookingId) > 0);
        long id = topology.endedRecordingOfBooking(bookingId);
        RecordingVerifier verifier = new RecordingVerifier(topology.recordingStore());
        Topology.await("the manifest of recording " + id + " in storage", 60, () -> verifier.verify(id).manifest()
                .isPresent());
        RecordingVerifier.Result result = verifier.verify(id);
        Manifest m = result.manifest().orElseThrow();
        List<String> missingKeys = result.problems().stream()
                .filter(p -> p.kind() == RecordingVerifier.ProblemKind.MISSING).map(RecordingVerifier.Problem::key)
                .toList();
        int missing = missingKeys.size();
        int mostInOneTrack = missingKeys.stream() // keys recordings/<id>/<track>/<segment>: grouped by their folder
                .collect(java.util.stream.Collectors.groupingBy(k -> k.lastIndexOf('/') < 0 ? k
                        : k.substring(0, k.lastIndexOf('/')), java.util.stream.Collectors.counting()))
                .values().stream().mapToInt(Long::intValue).max().orElse(0);
        List<String> others = result.problems().stream()
                .filter(p -> p.kind() != RecordingVerifier.ProblemKind.MISSING)
                .map(RecordingVerifier.Problem::describe).toList();
        return new RecordingCheck(id, m.segments().size(), missing, mostInOneTrack, others, RecordingLoss.takeoverNoted(m),
                RecordingLoss.lostSeconds(m), m.tracks().stream().map(t -> t.trackId() + "[" + t.segmentCount()
                + " seg, " + t.startedAt() + ".." + t.endedAt() + "]").toList().toString());
    }

    /**
     * One Janus kill: the number (media back at both ends after the kill), the routes before the kill (to the killed
     * node) and once back (to the other).
     */
    record JanusKill(long mediaBackMs, String state, List<String> routesBefore, List<String> routes) {
    }

    public static void main(String[] args) throws Exception {
        String missing = Topology.missing();
        if (!missing.isEmpty()) {
            System.err.println("bench failover needs " + missing);
            System.exit(2);
        }
        int rc = 1;
        try (Topology topology = Topology.start()) {
            System.out.println("pages: " + ("product".equals(System.getenv("LIANXIN_BENCH_PAGES"))
                    ? "the product's kiosk and console (LIANXIN_BENCH_PAGES=product)" : "the bench page failover.html"));
            List<Double> gaps = new ArrayList<>();
            List<Double> signaling = new ArrayList<>();
            double lost = 0;
            for (int i = 1; i <= RUNS; i++) {
                AppKill k = appKill(topology, pages());
                gaps.add((double) k.mediaGapMs());
                signaling.add((double) k.signalingBackMs());
                lost = Math.max(lost, k.recording().lostSeconds());
                System.out.printf(Locale.ROOT, "app kill %d: killed %s, taken over by %s (%s), media gap %d ms,"
                                + " signaling back %d ms, booking %s, %s, routes %s; load %s%n", i, k.killed(),
                        k.takenBy(), k.resumed() ? "media claimed, both pages resumed" : "built anew", k.mediaGapMs(),
                        k.signalingBackMs(), k.state(), k.recording(), k.routes(), WebhookBench.loadAverage());
                if (!allRelayed(k.routes())) {
                    throw new IllegalStateException("not relayed by coturn: " + k.routes());
                }
                topology.restartApp(k.killed());
            }
            List<Double> janus = new ArrayList<>();
            for (int i = 1; i <= RUNS; i++) {
                JanusKill k = janusKill(topology, pages());
                janus.add((double) k.mediaBackMs());
                System.out.printf(Locale.ROOT, "janus kill %d: media back %d ms, booking %s, routes %s then %s; load %s%n",
                        i, k.mediaBackMs(), k.state(), k.routesBefore(), k.routes(), WebhookBench.loadAverage());
                if (!allRelayed(k.routes()) || !allRelayed(k.routesBefore())) {
                    throw new IllegalStateException("not relayed by coturn: " + k.routesBefore() + ", " + k.routes());
                }
            }
            System.out.printf(Locale.ROOT, "app kill media gap: min %s p50 %s max %s ms (goal <= 500); signaling back:"
                            + " min %s p50 %s max %s ms (goal <= 3000); janus kill media back: min %s p50 %s max %s ms"
                            + " (goal <= 5000)%n",
                    Stats.ms(Stats.percentile(gaps, 0)), Stats.ms(Stats.percentile(gaps, 50)),
                    Stats.ms(Stats.percentile(gaps, 100)), Stats.ms(Stats.percentile(signaling, 0)),
                    Stats.ms(Stats.percentile(signaling, 50)), Stats.ms(Stats.percentile(signaling, 100)),
                    Stats.ms(Stats.percentile(janus, 0)), Stats.ms(Stats.percentile(janus, 50)),
                    Stats.ms(Stats.percentile(janus, 100)));
            System.out.printf(Locale.ROOT, "app kill recording lost: max %.1f s (goal <= 10)%n", lost);
            System.out.printf(Locale.ROOT, "BENCH failover app_kill_media_gap_ms=%.0f app_kill_signaling_back_ms=%.0f"
                            + " janus_kill_media_back_ms=%.0f recording_lost_s=%.1f n=%d load=%s%n",
                    Stats.percentile(gaps, 50), Stats.percentile(signaling, 50), Stats.percentile(janus, 50), lost,
                    RUNS,
                    WebhookBench.loadAverage().split(" ")[0]);
            rc = 0;
        } catch (Throwable t) {
            t.printStackTrace();
        }
        System.exit(rc);
    }

    /**
     * A reception, kill -9 of its room's owner, until both pages joined again and decode again; then the host ends
     * and the booking's state is read (COMPLETED expected). Both app nodes must be running; the killed one is left
     * stopped (the caller restarts it).
     */
    static AppKill appKill(Topology topology) throws Exception {
        return appKill(topology, FailoverReception::new);
    }

    /** {@link #appKill(Topology)} with the reception's pages {@code pages} start. */
    static AppKill appKill(Topology topology, LiveReception.Start pages) throws Exception {
        try (LiveReception r = pages.start(topology)) {
            String owner = r.owner();
            System.out.println("app kill: room " + r.roomId() + " on " + owner + ", the kiosk's recording notice told to "
                    + r.noticeShownAt());
            if (owner == null || !Topology.APPS.contains(owner)) {
                throw new IllegalStateException("room " + r.roomId() + " has no owner among " + Topology.APPS + ": "
                        + owner);
            }
            List<String> routes = r.routes();
            // mid-reception: both publishers have a closed segment on the owner (10 s segments) before the kill
            Topology.await("a segment of both publishers recorded on " + owner, 90,
                    () -> topology.participantsRecorded(r.bookingId(), 0) >= 2);
            long killedAt = System.currentTimeMillis();
            topology.killApp(owner);
            awaitPages(r, "both pages joined again after the kill of " + owner, 90, () -> r.rejoinedAfter(killedAt));
            long signalingBack = r.signalingBackMs(killedAt);
            System.out.println("app kill at " + killedAt + ", the pages then: " + r.pages());
            awaitPages(r, "both ends decode again after the kill of " + owner, 90, r::flowing);
            long gapUntil = System.currentTimeMillis();
            long mediaGap = r.longestGapMs(killedAt - 1000, gapUntil);
            System.out.println("app kill: longest frame gap at " + r.longestGapWhere(killedAt - 1000, gapUntil)
                    + " (from 1 s before the kill); the pages: " + r.pages());
            String takenBy = r.owner();
            boolean resumed = r.resumedAfter(killedAt); // the media claimed: both pages kept their connections
            // the recording goes on on the new owner: a closed segment of both publishers in the new series
            try {
                Topology.await("a segment of both publishers recorded on " + takenBy, 60,
                        () -> topology.participantsRecorded(r.bookingId(), 1) >= 2);
            } catch (IllegalStateException | AssertionError e) {
                System.out.println("recording on " + takenBy + ": " + e.getMessage());
            }
            System.out.println("---- " + takenBy + " (recording, forwarding, takeover):");
            topology.logTail(takenBy, 400_000).lines().filter(l -> l.contains("recording") || l.contains("forward")
                    || l.contains("taken over") || l.contains("claim") || l.contains("(460)")).limit(40)
                    .forEach(System.out::println);
            r.end();
            Topology.await("the booking COMPLETED after the end", 60, () -> "COMPLETED".equals(r.state()));
            return new AppKill(owner, takenBy, mediaGap, signalingBack, resumed, r.state(),
                    checkRecording(topology, r.bookingId()), routes);
        }
    }

    /** {@link Topology#await}, with the pages' own state in the message when it times out. */
    private static void awaitPages(LiveReception r, String what, int seconds, java.util.function.BooleanSupplier until)
            throws InterruptedException {
        try {
            Topology.await(what, seconds, until);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; " + r.pages(), e);
        }
    }

    /** One database outage: the longest frame gap during it, the join refused during it, the join after it. */
    record DatabaseStop(long mediaGapMs, String gapWhere, int refusedStatus, String refusedBody, long joinBackMs,
                        String state) {
    }

    /**
     * A reception; the database taken from the app nodes for {@code seconds} ({@link DatabaseLink#cut()}); during it a
     * new join (the REST join token) is tried; after it, until a join succeeds
     * again; the longest gap in decoded frames over the outage and 5 s after; then the host ends.
     */
    static DatabaseStop databaseStop(Topology topology, int seconds) throws Exception {
        try (LiveReception r = new FailoverReception(topology)) {
            long cutAt = System.currentTimeMillis();
            topology.databaseLink().cut();
            java.util.Map.Entry<Integer, String> refused;
            try {
                refused = r.tryJoin();
                // the rest of the outage: its length is the scenario's input
                Thread.sleep(Math.max(0, cutAt + seconds * 1000L - System.currentTimeMillis()));
            } finally {
                topology.databaseLink().restore();
            }
            long restoredAt = System.currentTimeMillis();
            Topology.await("a join succeeds after the database is back", 90, () -> r.tryJoin().getKey() == 200);
            long joinBack = System.currentTimeMillis() - restoredAt;
            long until = Math.max(System.currentTimeMillis(), restoredAt + 5000);
            Topology.await("5 s after the database is back", 30, () -> System.currentTimeMillis() >= until);
            long gap = r.longestGapMs(cutAt, until);
            String where = r.longestGapWhere(cutAt, until)
                    + (r instanceof FailoverReception f ? "; receivers: " + f.receiversSaw(cutAt, until) : "");
            r.end();
            Topology.await("the booking COMPLETED after the end", 60, () -> "COMPLETED".equals(r.state()));
            return new DatabaseStop(gap, where, refused.getKey(), refused.getValue(), joinBack, r.state());
        }
    }

    /**
     * A reception, SIGKILL of the Janus node its room is on, until both ends decode again; then the host ends. Janus
     * is started again before this returns (a node that came back, as a restarted service would).
     */
    static JanusKill janusKill(Topology topology) throws Exception {
        return janusKill(topology, FailoverReception::new);
    }

    /** {@link #janusKill(Topology)} with the reception's pages {@code pages} start. */
    static JanusKill janusKill(Topology topology, LiveReception.Start pages) throws Exception {
        try (LiveReception r = pages.start(topology)) {
            var node = r.janusNode();
            List<String> before = r.routes();
            long killedAt = System.currentTimeMillis();
            node.killJanus();
            try {
                awaitPages(r, "both ends decode again after the Janus kill", 90, () -> r.framesAfter(killedAt + 1000)
                        && r.flowing());
                // from the last frame decoded before the kill to the first after, at the later end
                long backUntil = System.currentTimeMillis();
                long back = r.longestGapMs(killedAt - 1000, backUntil);
                System.out.println("janus kill at " + killedAt + ": longest frame gap at " + r.longestGapWhere(killedAt
                        - 1000, backUntil) + " (from 1 s before the kill); the pages: " + r.pages());
                List<String> routes = r.routes();
                r.end();
                Topology.await("the booking COMPLETED after the end", 60, () -> "COMPLETED".equals(r.state()));
                return new JanusKill(back, r.state(), before, routes);
            } finally {
                node.startJanus();
            }
        }
    }
}
