package org.lianxin.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.ManifestCodec;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.web.LianxinApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./lianxin bench review-latency}: a real reception of {@value #DEFAULT_SECONDS} s ends → (a) its raw recording
 * is playable (manifest in storage, catalog COMPLETED, every segment uploaded) and → (b) its composed review MP4 is
 * ready (catalog composedState DONE). t0 is the moment the host's page is told to send {@code end}.
 *
 * <p>The application runs in this JVM (dev profile, H2 in memory, local-folder storage in a temp data dir, composing
 * on, 10 s segments: the defaults), with a real Janus in a network namespace ({@link JanusTestHost}) forwarding RTP
 * to the recorder at {@link JanusTestHost#hostAddress()}. Each run makes a real booking through the REST API
 * ({@link ReceptionFixture}: the demo leader jinjiang.leader hosts, jinjiang.scheduler checks the petitioner in),
 * takes join tokens through the REST API, and runs two publishers on headless Chromium with the fake camera and
 * microphone (bench page review.html speaking our protocol, not the console and kiosk pages): the leader joins and
 * publishes, the petitioner waits in the lobby, the leader's page admits it (capture starts), and
 * {@code LIANXIN_BENCH_SECONDS} (default 60) after the admission the leader's page sends {@code end}; on the server's
 * {@code ended} both pages stop their camera and close their connection, as the real pages do. The bench polls the
 * RecordingCatalog and ObjectStore beans every 20 ms. The browsers are closed once the composed file is ready, before
 * the checks and the baselines.
 *
 * <p>Checks that the numbers come from a real recording: the manifest read from storage lists both tracks with
 * segments, matches the catalog's segments, every segment is in storage with its size; the composed file is in
 * storage with the catalog's size and ffprobe gives it a duration within 10 % of the session.
 *
 * <p>Baselines in the same run, on the same raw segments copied out of storage: the ffmpeg CLI concatenating each
 * track's segments into one file ({@code -c copy}), and the ffmpeg CLI making a side-by-side review file at the
 * composer's settings (640x360 tiles, 15 fps, libx264 ultrafast 1.2 Mbit/s, AAC 64 kbit/s, audio mixed), wall time
 * and CPU time (user + system of the process).
 * {@code LIANXIN_BENCH_RUNS} runs (default 3), median reported. {@code LIANXIN_BENCH_LIVE_COMPOSITIONS} (default 4, the
 * app's default: the session is composed while it runs) set to 0 measures composing after the end.
 *
 * <p>The two modes answer different questions and the {@code BENCH} line says which ({@code mode=live|after}):
 * {@code composed_ms} is the wait for the review file after the end — in mode {@code after} the whole composition,
 * comparable with the ffmpeg CLI's wall time ({@code cli_compose_ms}); in mode {@code live} only the last stretch,
 * since the rest was composed during the session. What composing costs is measured as CPU time of the composing
 * threads ({@link #COMPOSING}: {@link ThreadCpu}) during the session ({@code compose_cpu_session_ms},
 * {@code compose_session_core_pct} of one core) and after the end ({@code compose_cpu_after_ms}); their sum is the
 * like-for-like comparison with the CPU time of the ffmpeg CLI composing the whole file ({@code cli_compose_cpu_ms}).
 */
public final class ReviewLatencyBench {
    static final int DEFAULT_SECONDS = 60;
    static final int RUNS = intEnv("LIANXIN_BENCH_RUNS", 3);
    static final int SECONDS = intEnv("LIANXIN_BENCH_SECONDS", DEFAULT_SECONDS);
    /** {@code lianxin.recording.live-compositions}: 4 (the default) composes while the session runs, 0 after its end. */
    static final int LIVE_COMPOSITIONS = intEnv("LIANXIN_BENCH_LIVE_COMPOSITIONS", 4);
    static final long POLL_MS = 20;
    static final String FFMPEG = "/usr/bin/ffmpeg";
    static final String FFPROBE = "/usr/bin/ffprobe";
    static final String MODE = LIVE_COMPOSITIONS > 0 ? "live" : "after";
    /**
     * Which of the app's threads compose: the recording module's composing threads by name — "compose-live-ID" (a
     * session composed while it runs) and "recording-compose" / "recording-compose-store" (composing after the end)
     * when this was written; matched as any name containing "compose" — and FFmpeg's own named worker threads
     * ("av:…", e.g. "av:vp8:df0": decoders; only composing decodes in this app). Native threads x264 starts inherit
     * their creator's name. A live session in which no such thread ran gives no CPU figure (NaN), so a rename cannot
     * silently report 0.
     */
    static final Predicate<String> COMPOSING = name -> name.contains("compose") || name.startsWith("av:");
    static final Duration CPU_SAMPLING = Duration.ofMillis(100);

    public static void main(String[] args) throws Exception {
        if (!JanusTestHost.available() || !Chromium.available() || !Files.isExecutable(Path.of(FFMPEG))
                || !Files.isExecutable(Path.of(FFPROBE))) {
            System.err.println("bench review-latency needs root, /usr/bin/janus, ip, chromium, chromedriver, ffmpeg"
                    + " and ffprobe");
            System.exit(2);
        }
        int rc = 1;
        try {
            rc = new ReviewLatencyBench().run();
        } catch (Throwable t) {
            t.printStackTrace();
        }
        System.exit(rc);
    }

    /** One run's times (ms after t0 unless said otherwise). */
    record Run(int index, long recordingId, double endSendMs, double completedMs, double segmentsUploadedMs,
               double manifestMs, double rawMs, double composeRunningMs, double composedMs, long segments,
               long rawBytes, long composedBytes, double composedSeconds, double sessionSeconds,
               double ffmpegRemuxMs, double ffmpegComposeMs, double ffmpegComposeCpuMs, double composeCpuSessionMs,
               double composeCpuAfterMs, double sessionWallMs, String load) {
        /** CPU of the composing threads during the session, in % of one core. */
        double composeSessionCorePct() {
            return 100.0 * composeCpuSessionMs / sessionWallMs;
        }

        double composeCpuMs() {
            return composeCpuSessionMs + composeCpuAfterMs;
        }
    }

    /** The composing threads' CPU time, for the whole bench. */
    private ThreadCpu composingCpu;

    int run() throws Exception {
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            JanusTestHost janus = JanusTestHost.start();
            closing.add(janus);
            System.out.println("Janus " + janus.wsUrl() + " in namespace " + janus.namespace() + "; RTP to "
                    + janus.hostAddress());

            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getEncoder().encodeToString(secret).substring(0, 20);
            Path data = Files.createTempDirectory("lianxin-bench-review-");
            closing.add(() -> deleteTree(data));
            SpringApplication app = new SpringApplication(LianxinApplication.class);
            ConfigurableApplicationContext ctx = app.run(
                    "--spring.profiles.active=dev",
                    "--server.address=127.0.0.1",
                    "--server.port=0",
                    "--lianxin.data-dir=" + data,
                    "--spring.datasource.url=jdbc:h2:mem:bench-review;DB_CLOSE_DELAY=-1",
                    "--lianxin.demo.password=" + password,
                    "--lianxin.signaling.janus-url=" + janus.wsUrl(),
                    "--lianxin.signaling.janus-admin-key=" + janus.adminKey(),
                    "--lianxin.signaling.token-secret=" + Base64.getEncoder().encodeToString(secret),
                    "--lianxin.recording.rtp-host=" + janus.hostAddress(),
                    "--lianxin.recording.storage.type=local",
                    "--lianxin.recording.storage.local-dir=" + data.resolve("recordings"),
                    "--lianxin.recording.compose=true",
                    // default: the app's (sessions composed while they run); 0: composed after the end
                    "--lianxin.recording.live-compositions=" + LIVE_COMPOSITIONS,
                    // the recorder's and the rooms' own log lines (ms timestamps) say where the time goes
                    "--logging.level.org.lianxin.recording=INFO",
                    "--logging.level.org.lianxin.web.live=INFO",
                    "--logging.level.org.lianxin.web.recording=INFO",
                    "--logging.level.org.lianxin.signaling.live=INFO");
            closing.add(0, ctx::close);
            closing.add(0, () -> ctx.getBean(LiveRooms.class).stop(Duration.ofSeconds(5)));
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            String base = "http://127.0.0.1:" + port;
            System.out.println("Lianxin on " + base + " (in-process, dev profile, H2 in memory, local-folder storage "
                    + data.resolve("recordings") + ")");
            RecordingCatalog catalog = ctx.getBean(RecordingCatalog.class);
            composingCpu = new ThreadCpu(COMPOSING, CPU_SAMPLING);
            closing.add(0, composingCpu);
            ObjectStore store = ctx.getBean(ObjectStore.class);

            HttpServer pages = BenchPages.serve(List.of("review.html", "first-frame.js"));
            closing.add(0, () -> pages.stop(0));
            String pageBase = "http://127.0.0.1:" + pages.getAddress().getPort() + "/review.html";

            List<Run> runs = new ArrayList<>();
            for (int i = 1; i <= RUNS; i++) {
                Run r = oneRun(i, base, password, pageBase, janus, catalog, store);
                runs.add(r);
                System.out.printf(Locale.ROOT, "run %d (mode %s): recording %d, %d segments (%d bytes), session %.1f s:"
                                + " end sent in %.0f ms; raw_ms %.0f (COMPLETED at %.0f, all segments uploaded at %.0f,"
                                + " manifest in storage at %.0f); composed_ms %.0f (RUNNING at %.0f, %d bytes,"
                                + " ffprobe %.2f s); composing CPU %.0f ms during the session (%.1f %% of one core),"
                                + " %.0f ms after the end; ffmpeg CLI remux %.0f ms, ffmpeg CLI compose %.0f ms (CPU"
                                + " %.0f ms); load %s%n",
                        r.index(), MODE, r.recordingId(), r.segments(), r.rawBytes(), r.sessionSeconds(),
                        r.endSendMs(), r.rawMs(), r.completedMs(), r.segmentsUploadedMs(), r.manifestMs(),
                        r.composedMs(), r.composeRunningMs(), r.composedBytes(), r.composedSeconds(),
                        r.composeCpuSessionMs(), r.composeSessionCorePct(), r.composeCpuAfterMs(), r.ffmpegRemuxMs(),
                        r.ffmpegComposeMs(), r.ffmpegComposeCpuMs(), r.load());
            }
            List<Double> raw = runs.stream().map(Run::rawMs).toList();
            List<Double> composed = runs.stream().map(Run::composedMs).toList();
            List<Double> remux = runs.stream().map(Run::ffmpegRemuxMs).toList();
            List<Double> cli = runs.stream().map(Run::ffmpegComposeMs).toList();
            List<Double> cliCpu = runs.stream().map(Run::ffmpegComposeCpuMs).toList();
            List<Double> cpuSession = runs.stream().map(Run::composeCpuSessionMs).toList();
            List<Double> cpuSessionPct = runs.stream().map(Run::composeSessionCorePct).toList();
            List<Double> cpuAfter = runs.stream().map(Run::composeCpuAfterMs).toList();
            List<Double> cpuTotal = runs.stream().map(Run::composeCpuMs).toList();
            double rawMed = Stats.percentile(raw, 50), composedMed = Stats.percentile(composed, 50);
            double goalComposed = SECONDS * 1000.0 / 8;
            System.out.printf(Locale.ROOT, "runs %d, session %d s (from the petitioner's admission), nproc %d,"
                            + " live-compositions %d (%s)%n", runs.size(), SECONDS,
                    Runtime.getRuntime().availableProcessors(), LIVE_COMPOSITIONS,
                    LIVE_COMPOSITIONS > 0 ? "composed while the session runs" : "composed after the end");
            System.out.printf(Locale.ROOT, "raw:      min %s median %s max %s ms (goal <= 3000)%n",
                    Stats.ms(Stats.percentile(raw, 0)), Stats.ms(rawMed), Stats.ms(Stats.percentile(raw, 100)));
            System.out.printf(Locale.ROOT, "composed: min %s median %s max %s ms (goal <= %s = session/8)%n",
                    Stats.ms(Stats.percentile(composed, 0)), Stats.ms(composedMed),
                    Stats.ms(Stats.percentile(composed, 100)), Stats.ms(goalComposed));
            System.out.printf(Locale.ROOT, "baseline: ffmpeg CLI remux (-c copy, per track) median %s ms; ffmpeg CLI"
                            + " compose (hstack, libx264 ultrafast, same settings) median %s ms wall, %s ms CPU;"
                            + " session %d000 ms%n", Stats.ms(Stats.percentile(remux, 50)),
                    Stats.ms(Stats.percentile(cli, 50)), Stats.ms(Stats.percentile(cliCpu, 50)), SECONDS);
            System.out.printf(Locale.ROOT, "composing threads' CPU (median): %s ms during the session (%s %% of one"
                            + " core), %s ms after the end, %s ms in all, vs %s ms for the ffmpeg CLI composing the whole"
                            + " file; counted threads: %s%n", Stats.ms(Stats.percentile(cpuSession, 50)),
                    Stats.ms(Stats.percentile(cpuSessionPct, 50)), Stats.ms(Stats.percentile(cpuAfter, 50)),
                    Stats.ms(Stats.percentile(cpuTotal, 50)), Stats.ms(Stats.percentile(cliCpu, 50)),
                    composingCpu.byName().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() / 1_000_000
                            + " ms").collect(Collectors.joining(", ")));
            if (MODE.equals("after")) {
                System.out.printf(Locale.ROOT, "like for like (all of it after the end): composed_ms median %s ms vs"
                                + " the ffmpeg CLI's %s ms (wall)%n", Stats.ms(composedMed),
                        Stats.ms(Stats.percentile(cli, 50)));
            } else {
                System.out.printf(Locale.ROOT, "like for like (live): composed_ms is only what was left after the end;"
                                + " the whole composition cost %s ms of CPU (during + after) vs the ffmpeg CLI's %s ms"
                                + " for the whole file; compare composed_ms with mode=after's%n",
                        Stats.ms(Stats.percentile(cpuTotal, 50)), Stats.ms(Stats.percentile(cliCpu, 50)));
            }
            boolean cpuSeen = MODE.equals("after") || runs.stream().allMatch(r -> r.composeCpuSessionMs() > 0);
            if (!cpuSeen) {
                System.out.println("NO COMPOSING THREAD RAN DURING A LIVE SESSION (none named like " + COMPOSING
                        + "?): the composing CPU figures are NaN; see the counted threads above");
            }
            System.out.printf(Locale.ROOT, "BENCH review-latency mode=%s raw_ms=%.0f composed_ms=%.0f"
                            + " compose_cpu_session_ms=%s compose_session_core_pct=%s compose_cpu_after_ms=%s"
                            + " cli_compose_ms=%.0f cli_compose_cpu_ms=%.0f%n", MODE, rawMed, composedMed,
                    cpuSeen ? String.format(Locale.ROOT, "%.0f", Stats.percentile(cpuSession, 50)) : "NaN",
                    cpuSeen ? String.format(Locale.ROOT, "%.2f", Stats.percentile(cpuSessionPct, 50)) : "NaN",
                    cpuSeen ? String.format(Locale.ROOT, "%.0f", Stats.percentile(cpuAfter, 50)) : "NaN",
                    Stats.percentile(cli, 50), Stats.percentile(cliCpu, 50));
            return cpuSeen ? 0 : 1;
        } finally {
            for (AutoCloseable c : closing) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("cleanup: " + e);
                }
            }
        }
    }

    private Run oneRun(int index, String base, String password, String pageBase, JanusTestHost janus,
                       RecordingCatalog catalog, ObjectStore store) throws Exception {
        ReceptionFixture f = ReceptionFixture.create(base, password, "jinjiang.leader", "jinjiang.scheduler");
        f.checkIn();
        ReceptionFixture.Ticket hostTicket = f.joinToken("jinjiang.leader");
        ReceptionFixture.Ticket petTicket = f.joinToken("jinjiang.scheduler");
        System.out.println("run " + index + ": booking " + f.bookingId() + " checked in, room " + hostTicket.roomId()
                + " (" + hostTicket.role() + " / " + petTicket.role() + ")");
        List<Chromium> browsers = new ArrayList<>();
        try {
            Chromium host = new Chromium(janus.janusAddress());
            browsers.add(host);
            Chromium petitioner = new Chromium(janus.janusAddress());
            browsers.add(petitioner);
            host.driver().get(pageBase + "?ws=" + enc(hostTicket.wsUrl()) + "&token=" + enc(hostTicket.token()));
            await("the host publishes", 60, () -> answered(host));
            petitioner.driver().get(pageBase + "?ws=" + enc(petTicket.wsUrl()) + "&token=" + enc(petTicket.token()));
            await("the petitioner waits in the lobby", 60, () -> seen(host, "participantWaiting"));

            Instant admittedAt = Instant.now();
            long cpuAtAdmission = composingCpu.totalNanos();
            long admitNanos = System.nanoTime();
            host.js("return lxSend({type: 'admit', participantId: 'petitioner'})");
            await("the petitioner publishes", 60, () -> answered(petitioner));
            long[] rec = {-1};
            await("both publishers captured (recording RECORDING, 2 tracks, first segment bytes arriving)", 60, () -> {
                Optional<Recording> r = catalog.ofBooking(f.bookingId()).stream().findFirst();
                if (r.isEmpty() || r.get().status() != Recording.Status.RECORDING) {
                    return false;
                }
                rec[0] = r.get().id();
                return catalog.tracks(rec[0]).size() >= 2;
            });
            long id = rec[0];
            System.out.printf(Locale.ROOT, "run %d: recording %d capturing 2 tracks %.0f ms after the admission%n",
                    index, id, (System.nanoTime() - admitNanos) / 1e6);
            long endAt = admitNanos + TimeUnit.SECONDS.toNanos(SECONDS);
            while (System.nanoTime() < endAt) {
                if (endAt - System.nanoTime() > TimeUnit.SECONDS.toNanos(5)) { // a slow page call must not overshoot
                    check(host);
                    check(petitioner);
                }
                Thread.sleep(Math.min(1000, Math.max(1, (endAt - System.nanoTime()) / 1_000_000)));
            }

            // t0: the host's page is told to send end
            long cpuAtEnd = composingCpu.totalNanos();
            double sessionWallMs = (System.nanoTime() - admitNanos) / 1e6;
            Instant t0Wall = Instant.now();
            long t0 = System.nanoTime();
            host.js("return lxSend({type: 'end'})");
            double endSendMs = since(t0);
            System.out.println("run " + index + ": t0 (end sent by the host's page) " + t0Wall);
            double completed = -1, uploaded = -1, manifestAt = -1, rawMs = -1, running = -1, composedMs = -1;
            long composeDoneCpu = -1;
            long deadline = t0 + TimeUnit.SECONDS.toNanos(300);
            Recording r = null;
            List<RecordingCatalog.Segment> segs = List.of();
            while (composedMs < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("run " + index + ": not done 300 s after the end: " + r);
                }
                double now = since(t0);
                r = catalog.find(id).orElseThrow();
                if (completed < 0 && r.status() == Recording.Status.COMPLETED) {
                    completed = now;
                }
                if (r.status() != Recording.Status.RECORDING && r.status() != Recording.Status.COMPLETED) {
                    throw new IllegalStateException("run " + index + ": recording ended " + r.status());
                }
                if (rawMs < 0 && completed >= 0) {
                    segs = catalog.segments(id);
                    if (uploaded < 0 && !segs.isEmpty() && segs.stream().allMatch(RecordingCatalog.Segment::uploaded)) {
                        uploaded = now;
                    }
                    if (manifestAt < 0 && r.manifestKey() != null && store.stat(r.manifestKey()).isPresent()) {
                        manifestAt = now;
                    }
                    if (uploaded >= 0 && manifestAt >= 0) {
                        rawMs = now;
                    }
                }
                if (running < 0 && (r.composedState() == Recording.ComposedState.RUNNING
                        || r.composedState() == Recording.ComposedState.DONE)) {
                    running = now;
                }
                if (r.composedState() == Recording.ComposedState.FAILED) {
                    throw new IllegalStateException("run " + index + ": composing failed: " + r.composedError());
                }
                if (rawMs >= 0 && r.composedState() == Recording.ComposedState.DONE) {
                    composedMs = now;
                    break;
                }
                if (r.composedState() == Recording.ComposedState.DONE && composeDoneCpu < 0) {
                    composeDoneCpu = composingCpu.totalNanos();
                }
                Thread.sleep(POLL_MS);
            }
            if (composeDoneCpu < 0) {
                composeDoneCpu = composingCpu.totalNanos();
            }
            // the composing threads' last moments (a thread that ended is counted up to its last sample)
            String load = loadAverage();
            for (Chromium b : List.of(host, petitioner)) {
                if (!Boolean.TRUE.equals(b.js("return lx.ended === true"))) {
                    throw new IllegalStateException("a page was not told the session ended: " + b.js("return lx.seen"));
                }
            }
            // the browsers go before the checks and the ffmpeg baselines, so that those do not share the CPU with them
            closeAll(browsers);

            // the outputs are real: the manifest read from storage, every segment in storage, the composed file
            Manifest m;
            try (InputStream in = store.get(r.manifestKey())) {
                m = ManifestCodec.read(in);
            }
            if (!"COMPLETED".equals(m.status())) {
                throw new IllegalStateException("manifest status " + m.status());
            }
            Map<String, Long> perTrack = m.segments().stream()
                    .collect(Collectors.groupingBy(Manifest.Segment::trackId, LinkedHashMap::new, Collectors.counting()));
            if (m.tracks().size() < 2 || m.tracks().stream().anyMatch(t -> perTrack.getOrDefault(t.trackId(), 0L) == 0)) {
                throw new IllegalStateException("manifest tracks without segments: " + m.tracks() + " " + perTrack);
            }
            if (m.segments().size() != segs.size()) {
                throw new IllegalStateException("manifest lists " + m.segments().size() + " segments, catalog "
                        + segs.size());
            }
            long rawBytes = 0;
            for (Manifest.Segment s : m.segments()) {
                long size = store.stat(s.key()).orElseThrow(() -> new IllegalStateException("not stored: " + s.key()))
                        .size();
                if (size != s.bytes() || size == 0) {
                    throw new IllegalStateException(s.key() + ": " + size + " bytes stored, manifest says " + s.bytes());
                }
                rawBytes += size;
            }
            double sessionSeconds = Duration.between(m.startedAt(), m.endedAt()).toMillis() / 1000.0;
            System.out.println("run " + index + ": manifest: " + m.tracks().size() + " tracks, segments per track "
                    + perTrack + ", recording " + m.startedAt() + " → " + m.endedAt() + " (admitted " + admittedAt + ")");
            Path work = Files.createTempDirectory("lianxin-bench-review-out-");
            try {
                String composedKey = r.composedKey();
                ObjectStore.ObjectInfo info = store.stat(composedKey)
                        .orElseThrow(() -> new IllegalStateException("composed file not stored: " + composedKey));
                if (info.size() == 0 || r.composedBytes() == null || info.size() != r.composedBytes()) {
                    throw new IllegalStateException("composed: " + info.size() + " bytes stored, catalog says "
                            + r.composedBytes());
                }
                Path composed = work.resolve("composed.mp4");
                try (InputStream in = store.get(composedKey)) {
                    Files.copy(in, composed);
                }
                double composedSeconds = probeDuration(composed);
                if (Math.abs(composedSeconds - sessionSeconds) > Math.max(2.0, sessionSeconds * 0.1)) {
                    throw new IllegalStateException("composed lasts " + composedSeconds + " s, session "
                            + sessionSeconds + " s");
                }
                double[] baselines = ffmpegBaselines(m, store, work);
                return new Run(index, id, endSendMs, completed, uploaded, manifestAt, rawMs, running, composedMs,
                        m.segments().size(), rawBytes, info.size(), composedSeconds, sessionSeconds, baselines[0],
                        baselines[1], baselines[2], (cpuAtEnd - cpuAtAdmission) / 1e6,
                        (composeDoneCpu - cpuAtEnd) / 1e6, sessionWallMs, load);
            } finally {
                deleteTree(work);
            }
        } finally {
            closeAll(browsers);
        }
    }

    private static void closeAll(List<Chromium> browsers) {
        for (Chromium b : browsers) {
            b.close();
        }
        browsers.clear();
    }

    /**
     * The ffmpeg CLI on the same raw segments (copied out of storage, not timed): concatenating each track into one
     * Matroska file with {@code -c copy}, and a side-by-side review file at the composer's settings.
     */
    private static double[] ffmpegBaselines(Manifest m, ObjectStore store, Path work) throws Exception {
        Map<String, List<Manifest.Segment>> byTrack = m.segments().stream().sorted(
                Comparator.comparingInt(Manifest.Segment::trackIndex)).collect(Collectors.groupingBy(
                Manifest.Segment::trackId, LinkedHashMap::new, Collectors.toList()));
        List<Path> lists = new ArrayList<>();
        for (Map.Entry<String, List<Manifest.Segment>> e : byTrack.entrySet()) {
            StringBuilder list = new StringBuilder();
            for (Manifest.Segment s : e.getValue()) {
                Path f = work.resolve(e.getKey() + "-" + s.trackIndex() + ".mkv");
                try (InputStream in = store.get(s.key())) {
                    Files.copy(in, f);
                }
                list.append("file '").append(f).append("'\n");
            }
            Path listFile = work.resolve(e.getKey() + ".txt");
            Files.writeString(listFile, list);
            lists.add(listFile);
        }
        long t = System.nanoTime();
        List<Path> remuxed = new ArrayList<>();
        for (Path list : lists) {
            Path out = work.resolve(list.getFileName().toString().replace(".txt", "-remux.mkv"));
            ffmpeg(List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy", out.toString()));
            remuxed.add(out);
        }
        double remuxMs = since(t);
        for (Path p : remuxed) {
            if (Files.size(p) == 0) {
                throw new IllegalStateException("ffmpeg remux made an empty " + p);
            }
        }
        // composer's settings: 640x360 tiles, 15 fps, libx264 ultrafast 1.2 Mbit/s, AAC 64 kbit/s (two tiles side by side)
        List<String> args = new ArrayList<>();
        for (Path list : lists) {
            args.addAll(List.of("-f", "concat", "-safe", "0", "-i", list.toString()));
        }
        StringBuilder filter = new StringBuilder();
        StringBuilder tiles = new StringBuilder();
        StringBuilder audio = new StringBuilder();
        for (int i = 0; i < lists.size(); i++) {
            filter.append("[").append(i).append(":v]scale=640:360:force_original_aspect_ratio=decrease,")
                    .append("pad=640:360:(ow-iw)/2:(oh-ih)/2,fps=15[v").append(i).append("];");
            tiles.append("[v").append(i).append("]");
            audio.append("[").append(i).append(":a]");
        }
        filter.append(tiles).append("hstack=inputs=").append(lists.size()).append("[v];")
                .append(audio).append("amix=inputs=").append(lists.size()).append("[a]");
        Path cli = work.resolve("cli-composed.mp4");
        args.addAll(List.of("-filter_complex", filter.toString(), "-map", "[v]", "-map", "[a]", "-c:v", "libx264",
                "-preset", "ultrafast", "-b:v", "1200k", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart",
                cli.toString()));
        t = System.nanoTime();
        double composeCpuMs = ffmpeg(args);
        double composeMs = since(t);
        if (Files.size(cli) == 0) {
            throw new IllegalStateException("ffmpeg compose made an empty file");
        }
        return new double[] {remuxMs, composeMs, composeCpuMs};
    }

    /** Runs the ffmpeg CLI; returns its CPU time (user + system, ms), measured by bash's {@code time}. */
    private static double ffmpeg(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c", "TIMEFORMAT='CPU %U %S'; time \"$@\"", "bash",
                FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C"); // time's decimal point
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + String.join(" ", cmd) + "\n" + out);
        }
        String[] lines = out.strip().split("\n");
        String[] cpu = lines[lines.length - 1].trim().split(" ");
        if (cpu.length != 3 || !cpu[0].equals("CPU")) {
            throw new IllegalStateException("no CPU time from bash's time: " + out);
        }
        return (Double.parseDouble(cpu[1]) + Double.parseDouble(cpu[2])) * 1000;
    }

    private static double probeDuration(Path file) throws Exception {
        Process p = new ProcessBuilder(FFPROBE, "-v", "error", "-show_entries", "format=duration", "-of",
                "default=noprint_wrappers=1:nokey=1", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffprobe failed on " + file + ": " + out);
        }
        return Double.parseDouble(out);
    }

    private static boolean answered(Chromium b) {
        check(b);
        return Boolean.TRUE.equals(b.js("return lx.answered"));
    }

    private static boolean seen(Chromium b, String prefix) {
        check(b);
        Object seen = b.js("return lx.seen");
        return seen instanceof List<?> l && l.stream().anyMatch(s -> String.valueOf(s).startsWith(prefix));
    }

    private static void check(Chromium b) {
        Object errors = b.js("return lx.errors");
        if (errors instanceof List<?> l && !l.isEmpty()) {
            throw new IllegalStateException("page errors: " + l + "; messages " + b.js("return lx.seen"));
        }
    }

    private static void await(String what, int seconds, BooleanSupplier until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!until.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temp folder is harmless
        }
    }
}
