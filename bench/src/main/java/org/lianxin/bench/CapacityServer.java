package org.lianxin.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
                "--lianxin.recording.storage.local-dir=" + args[4] + "/recordings");
        int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
        System.out.println("READY " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.trim()) {
                case "recorder" -> System.out.println("RECORDER " + recorder.totalNanos() + " " + compose.totalNanos());
                case "threads" -> System.out.println("THREADS " + top(recorder.byName()));
                case "top" -> System.out.println("TOP " + top(all.byName()));
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
}
