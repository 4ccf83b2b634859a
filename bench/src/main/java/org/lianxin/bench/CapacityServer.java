package org.lianxin.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.lianxin.recording.ComposeWorker;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingService;
import org.lianxin.recording.compose.ComposeSettings;
import org.lianxin.recording.compose.Composer;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.web.LianxinApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application side of {@code ./lianxin bench capacity}, a JVM of its own so that its CPU time in
 * /proc/PID/stat is the application's alone: {@code JANUS_URL ADMIN_KEY TOKEN_SECRET RTP_HOST DATA_DIR PASSWORD}
 * runs the whole application (dev profile, H2 in memory, recording ON to {@code DATA_DIR/recordings}: the recorder
 * runs inside this JVM, as in production) on 127.0.0.1. Prints {@code READY <port>}, then obeys stdin:
 * {@code recorder} prints {@code RECORDER <nanos> <nanos>}, the CPU time of the recorder's threads since start
 * ({@link #RECORDER}) and of those of them that compose ({@link #COMPOSE}); {@code threads} prints {@code THREADS name=ms,...} (the recorder's threads, largest first),
 * {@code top} the same of all its threads ({@code TOP ...});
 * {@code quit} stops the live rooms and exits.
 *
 * <p>An optional 7th argument {@code compose-nodes} runs the app as an app node of a cluster with compose nodes
 * ({@code lianxin.recording.composing.where=compose-nodes}: it records raw tracks only and queues each ended
 * recording): its in-memory H2 is then also served over TCP on 127.0.0.1 ({@code READY <port> <h2-port>}) for the
 * compose worker, and {@code end} ends every session and recording (the database stays up) and prints {@code ENDED}.
 *
 * <p>{@code compose-worker JDBC_URL STORAGE_DIR WORK_DIR} runs a compose node's worker instead ({@link
 * ComposeWorker}, as {@code lianxin.recording.composing.worker=true} runs it, without the rest of the application, so
 * that its JVM's CPU is the composing's): prints {@code READY}, then {@code status} prints {@code COMPOSE <pending>
 * <done> <failed> <id>:<recorded s>:<ready s after the end>,...} (the recordings queued for the compose nodes; ready:
 * from the recording's end to its composed file in storage), {@code quit} exits.
 */
public final class CapacityServer {
    /**
     * The recorder's threads: the track captures ({@code capture-*}, and the FFmpeg/x264 workers they start, which
     * inherit the name), FFmpeg's own ({@code av:*}), the live composition of the review file ({@code compose-*}),
     * the segment uploader and the recording's event and compose workers ({@code recording-*}).
     */
    static final Predicate<String> RECORDER = name -> name.startsWith("capture-") || name.startsWith("av:")
            || name.startsWith("segment-upload") || name.startsWith("recording-") || name.startsWith("compose-");

    /**
     * The recorder's threads that compose the review file: the live compositions ({@code compose-live-*}, one thread
     * each: they decode and encode on it) and the compositions after the end ({@code recording-compose*}; their
     * FFmpeg workers are named {@code av:*} or inherit the name).
     */
    static final Predicate<String> COMPOSE = name -> name.startsWith("compose-") || name.startsWith("recording-compose");

    private static String top(Map<String, Long> byName) {
        return byName.entrySet().stream().limit(15).map(e -> e.getKey() + "=" + e.getValue() / 1_000_000 + "ms")
                .collect(Collectors.joining(","));
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("compose-worker")) {
            composeWorker(args[1], java.nio.file.Path.of(args[2]), java.nio.file.Path.of(args[3]));
            return;
        }
        boolean composeNodes = args.length > 6 && args[6].equals("compose-nodes");
        org.h2.tools.Server h2 = null;
        if (composeNodes) { // the compose worker's way into this JVM's in-memory database, on loopback only
            System.setProperty("h2.bindAddress", "127.0.0.1");
            h2 = org.h2.tools.Server.createTcpServer("-tcpPort", "0").start();
        }
        // sampled rarely (each sample reads every thread's stat: CPU of this JVM the bench would count as the app's);
        // the recorder's threads live as long as their publishers, so a 5 s interval loses little
        ThreadCpu recorder = new ThreadCpu(RECORDER, Duration.ofSeconds(5));
        ThreadCpu compose = new ThreadCpu(COMPOSE, Duration.ofSeconds(5));
        ThreadCpu all = new ThreadCpu(name -> true, Duration.ofSeconds(5));
        ConfigurableApplicationContext ctx = new SpringApplication(LianxinApplication.class).run(
                "--spring.profiles.active=dev",
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--lianxin.data-dir=" + args[4],
                "--spring.datasource.url=jdbc:h2:mem:bench-capacity;DB_CLOSE_DELAY=-1",
                "--lianxin.demo.password=" + args[5],
                "--lianxin.signaling.janus-url=" + args[0],
                "--lianxin.signaling.janus-admin-key=" + args[1],
                "--lianxin.signaling.token-secret=" + args[2],
                "--lianxin.recording.rtp-host=" + args[3],
                "--lianxin.recording.storage.type=local",
                "--lianxin.recording.storage.local-dir=" + args[4] + "/recordings",
                "--lianxin.recording.composing.where=" + (composeNodes ? "compose-nodes" : "here"));
        int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
        System.out.println("READY " + port + (h2 != null ? " " + h2.getPort() : ""));
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.trim()) {
                case "recorder" -> System.out.println("RECORDER " + recorder.totalNanos() + " " + compose.totalNanos());
                case "threads" -> System.out.println("THREADS " + top(recorder.byName()));
                case "top" -> System.out.println("TOP " + top(all.byName()));
                case "end" -> {
                    ctx.getBean(LiveRooms.class).stop(Duration.ofSeconds(5));
                    ctx.getBean(RecordingService.class).close(); // ends what is still open, waits for its uploads
                    System.out.println("ENDED");
                }
                case "quit" -> {
                    try {
                        ctx.getBean(LiveRooms.class).stop(Duration.ofSeconds(5));
                        ctx.close();
                    } finally {
                        System.out.println("BYE");
                        System.out.flush();
                        Runtime.getRuntime().halt(0);
                    }
                }
                default -> System.out.println("ERR " + line);
            }
            System.out.flush();
        }
        Runtime.getRuntime().halt(0); // the bench went away
    }

    /** A compose node's worker on the app JVM's database and storage folder; see the class comment. */
    private static void composeWorker(String jdbcUrl, java.nio.file.Path storage, java.nio.file.Path work)
            throws Exception {
        org.springframework.jdbc.datasource.DriverManagerDataSource db =
                new org.springframework.jdbc.datasource.DriverManagerDataSource(jdbcUrl, "sa", "");
        RecordingCatalog catalog = RecordingCatalog.jdbc(db,
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(db));
        java.nio.file.Files.createDirectories(work);
        // what the application's Composer bean makes with the default keys (compose-fps 10; nice is for live only)
        ComposeWorker worker = new ComposeWorker(catalog, ObjectStores.local(storage),
                new Composer(ComposeSettings.defaults()), new ComposeWorker.Settings("bench-compose-node", work,
                Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(30)), java.time.Clock.systemUTC());
        worker.start();
        org.springframework.jdbc.core.simple.JdbcClient jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(db);
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.trim()) {
                case "status" -> System.out.println("COMPOSE " + status(jdbc));
                case "quit" -> {
                    worker.close();
                    System.out.println("BYE");
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                }
                default -> System.out.println("ERR " + line);
            }
            System.out.flush();
        }
        Runtime.getRuntime().halt(0);
    }

    /** {@code <pending> <done> <failed> <id>:<recorded s>:<ready s after the end>,...} of the compose nodes' queue. */
    private static String status(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        int[] counts = new int[3];
        StringBuilder done = new StringBuilder();
        jdbc.sql("select id, composed_state, started_at, ended_at, composed_at from recording"
                        + " where compose_queued_at is not null order by id")
                .query(rs -> {
                    String state = rs.getString("composed_state");
                    switch (state) {
                        case "DONE" -> {
                            counts[1]++;
                            java.time.OffsetDateTime started = rs.getObject("started_at", java.time.OffsetDateTime.class);
                            java.time.OffsetDateTime ended = rs.getObject("ended_at", java.time.OffsetDateTime.class);
                            java.time.OffsetDateTime composed = rs.getObject("composed_at", java.time.OffsetDateTime.class);
                            done.append(done.isEmpty() ? "" : ",").append(rs.getLong("id")).append(':')
                                    .append(String.format(java.util.Locale.ROOT, "%.1f:%.1f",
                                            Duration.between(started, ended).toMillis() / 1000.0,
                                            Duration.between(ended, composed).toMillis() / 1000.0));
                        }
                        case "FAILED" -> counts[2]++;
                        default -> counts[0]++;
                    }
                });
        return counts[0] + " " + counts[1] + " " + counts[2] + " " + (done.isEmpty() ? "-" : done);
    }
}
