package org.lianxin.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
 *
 * <p>Its parts: this class (the app, Janus and the pages started once, the runs, the cleanup), {@link ReviewLatencyRun}
 * (one run and its checks), {@link FfmpegBaselines} (the ffmpeg CLI on the same segments) and
 * {@link ReviewLatencyReport} (the summary and the {@code BENCH} line).
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
                Run r = new ReviewLatencyRun(composingCpu).oneRun(i, base, password, pageBase, janus, catalog, store);
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
            return ReviewLatencyReport.print(runs, composingCpu);
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

    static double since(long t0) {
        return (System.nanoTime() - t0) / 1e6;
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
