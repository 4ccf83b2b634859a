package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.web.pages.ChromiumBrowser;
import org.lianxin.web.testing.LianxinProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} of the application in the middle of a recorded reception. The app runs as a separate JVM from
 * the runnable jar (dev profile: H2 file database and local-folder storage in a data dir under
 * target/recording-it/crash, kept with the two processes' logs). After ≥ 25 s of session with at least two
 * segments of each track in storage, the JVM gets SIGKILL; the browsers go away; the app is started again on the
 * same data dir. Then, through the REST API as the province reviewer and in the storage folder: the recording is
 * INTERRUPTED with a gap listed; every segment stored before the kill is in storage and in the manifest; the
 * verifier finds nothing wrong; each track's media covers the time up to the kill minus about a second (the open
 * segment is kept up to its last 1 s cluster).
 */
class RecordingCrashIT {
    /** What a crash may lose of each track: the open Matroska cluster (1 s) and the audio held for a keyframe. */
    private static final Duration LOST_AT_A_CRASH = Duration.ofMillis(1500);
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final Duration MIN_SESSION = Duration.ofSeconds(25);
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static JanusTestHost janus;
    static Path work;
    static Path dataDir;
    static final List<LianxinProcess> processes = new ArrayList<>();

    @BeforeAll
    static void start() {
        ChromiumBrowser.assumeAvailable();
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        RecordingTestEnv.assumeFfmpeg();
        work = RecordingChecks.workDir("crash");
        dataDir = work.resolve("data");
        janus = JanusTestHost.start();
    }

    @AfterAll
    static void stop() {
        try {
            for (LianxinProcess p : processes) p.close(); // SIGKILL whatever still runs
        } finally {
            if (janus != null) janus.close();
        }
    }

    private static LianxinProcess startApp(Path jar, int port, String logName) {
        LianxinProcess p = LianxinProcess.start(jar, port, List.of(
                "--spring.profiles.active=dev",
                "--lianxin.data-dir=" + dataDir,
                "--lianxin.demo.password=" + PASSWORD,
                "--lianxin.signaling.janus-url=" + janus.wsUrl(),
                "--lianxin.signaling.janus-admin-key=" + janus.adminKey(),
                "--lianxin.signaling.janus-request-timeout=5s",
                "--lianxin.recording.rtp-host=" + janus.hostAddress(),
                "--lianxin.recording.compose=false"), work.resolve(logName));
        processes.add(p);
        p.awaitHealthy(Duration.ofSeconds(180));
        return p;
    }

    @Test
    void afterKillMinus9AndARestartTheRecordingIsInterruptedWithAGapAndEverythingClosedBeforeTheKillIsKept()
            throws IOException {
        Path jar = LianxinProcess.execJar();
        int port = LianxinProcess.freePort();
        LianxinProcess first = startApp(jar, port, "app-1.log");
        Path recordings = dataDir.resolve("recordings");
        ObjectStore store = ObjectStores.local(recordings);

        long id;
        Instant playingAt;
        Instant killedAt;
        List<String> storedBeforeKill;
        RecordedSessionDriver session = RecordedSessionDriver.open(first.baseUrl(), PASSWORD, "crash");
        try (session) {
            try {
                session.hostAndCheckIn();
                session.admit();
                playingAt = session.playingAt();
                JsonNode listed = get(first, "/api/v1/recordings?bookingId=" + session.bookingId());
                assertThat(listed.size()).as("recordings of the booking: " + listed).isEqualTo(1);
                id = listed.get(0).path("id").asLong();

                // ≥ 25 s of session and ≥ 2 segments of each of the two tracks uploaded to the folder
                Instant minimumEnd = session.admittedAt().plus(MIN_SESSION);
                RecordingChecks.await("25 s of session and two tracks with two stored segments each",
                        Duration.ofSeconds(90),
                        () -> !Instant.now().isBefore(minimumEnd) && segmentsPerTrack(store, id).size() == 2
                                && segmentsPerTrack(store, id).values().stream().allMatch(n -> n.size() >= 2),
                        () -> segmentsPerTrack(store, id).toString());
                session.assertStillLive();
                storedBeforeKill = segmentKeys(store, id);

                killedAt = Instant.now();
                int exit = first.kill9();
                assertThat(exit).as("exit status of the JVM after destroyForcibly (128 + SIGKILL)").isEqualTo(137);
            } catch (RuntimeException | AssertionError e) {
                session.screenshots("failure", e);
                throw e;
            }
        } // the browsers go away with the dead server

        LianxinProcess second = startApp(jar, port, "app-2.log");
        // recovery: INTERRUPTED, every segment uploaded, the manifest stored
        JsonNode details = RecordingChecks.await("recording " + id + " INTERRUPTED with its segments uploaded and"
                        + " its manifest stored, after the restart", Duration.ofSeconds(90),
                () -> {
                    JsonNode d = getOrNull(second, "/api/v1/recordings/" + id);
                    if (d == null || !d.path("recording").path("status").asString().equals("INTERRUPTED")) return null;
                    for (JsonNode s : d.path("segments")) {
                        if (!s.path("uploaded").asBoolean()) return null;
                    }
                    return store.stat(Manifest.key(id)).isPresent() ? d : null;
                }, () -> String.valueOf(getOrNull(second, "/api/v1/recordings/" + id)));
        JsonNode rec = details.path("recording");

        Manifest m = RecordingChecks.manifest(store, id);
        assertAll("recording " + id + " after kill -9 and a restart",
                () -> {
                    // a gap is listed, from around the kill on
                    JsonNode gaps = details.path("gaps");
                    assertThat(gaps.size()).as("gaps of the interrupted recording: " + gaps).isPositive();
                    boolean gapAtKill = false;
                    for (JsonNode g : gaps) {
                        Instant from = Instant.parse(g.path("from").asString());
                        Instant to = Instant.parse(g.path("to").asString());
                        if (!from.isAfter(killedAt.plus(SLACK)) && !to.isBefore(from)) gapAtKill = true;
                    }
                    assertThat(gapAtKill).as("a gap starting no later than the kill at " + killedAt + ": " + gaps)
                            .isTrue();
                    assertThat(m.gaps()).as("gaps in the manifest").isNotEmpty();
                },
                () -> {
                    // the manifest: stored, the one the catalog names (SHA-256), served by REST
                    String manifestSha;
                    try (var in = store.get(Manifest.key(id))) {
                        manifestSha = HashChain.sha256Hex(in);
                    }
                    assertThat(manifestSha).as("stored manifest's SHA-256 vs the catalog's")
                            .isEqualTo(rec.path("manifestSha256").asString());
                    HttpResponse<byte[]> served = send(second, "/api/v1/recordings/" + id + "/manifest");
                    assertThat(served.statusCode()).as("GET the manifest as sc.reviewer").isEqualTo(200);
                    assertThat(HashChain.sha256Hex(served.body())).as("SHA-256 of the manifest served by REST")
                            .isEqualTo(manifestSha);
                    assertThat(m.status()).isEqualTo("INTERRUPTED");
                },
                () -> RecordingChecks.assertVerified(store, id),
                () -> {
                    // nothing closed before the kill is lost; nothing missing in between
                    List<String> inManifest = m.segments().stream().map(Manifest.Segment::key).toList();
                    assertThat(inManifest).as("segments in the manifest vs those stored before the kill")
                            .containsAll(storedBeforeKill);
                    assertThat(segmentKeys(store, id)).as("segments in storage after the restart")
                            .containsAll(storedBeforeKill);
                    assertThat(details.path("segments").size()).as("segments in the catalog vs the manifest")
                            .isEqualTo(m.segments().size());
                },
                () -> RecordingChecks.assertContiguous(store, m),
                () -> {
                    // each track covers the time up to the kill minus about a second (the open segment is kept)
                    assertThat(m.tracks()).as("tracks of the leader and the petitioner").hasSize(2);
                    assertAll("tracks", m.tracks().stream().map(t -> (Executable) () -> {
                        RecordingChecks.TrackMedia tm = RecordingChecks.trackMedia(store, m, t.trackId(),
                                work.resolve("media"), storedBeforeKill::contains);
                        Instant start = t.startedAt() != null && t.startedAt().isBefore(playingAt) ? t.startedAt()
                                : playingAt;
                        Duration upToKill = Duration.between(start, killedAt);
                        assertAll(t.trackId(),
                                () -> assertThat(tm.concatenated().codecTypes()).as(tm.describe())
                                        .contains("audio", "video"),
                                () -> assertThat(tm.concatenated().duration())
                                        .as("%s: recorded vs %s from the track's start to the kill, minus %s (the"
                                                        + " open cluster) and %s slack", tm.describe(),
                                                RecordingChecks.seconds(upToKill),
                                                RecordingChecks.seconds(LOST_AT_A_CRASH), RecordingChecks.seconds(SLACK))
                                        .isGreaterThanOrEqualTo(upToKill.minus(LOST_AT_A_CRASH).minus(SLACK).toMillis()
                                                / 1000.0)
                                        .isLessThanOrEqualTo(upToKill.plus(SLACK).toMillis() / 1000.0),
                                () -> RecordingChecks.assertClean(tm));
                    }));
                });

        int exit = second.stop(Duration.ofSeconds(60));
        assertThat(exit).as("the second app's exit on SIGTERM; log " + work.resolve("app-2.log")).isIn(0, 143);
    }

    /** Stored segment keys of the recording, sorted. */
    private static List<String> segmentKeys(ObjectStore store, long id) {
        return store.list("recordings/" + id + "/").stream().map(ObjectStore.ObjectInfo::key)
                .filter(k -> k.matches("recordings/\\d+/[^/]+/\\d{6}\\.mkv")).sorted().toList();
    }

    /** Stored segment keys per track folder. */
    private static Map<String, List<String>> segmentsPerTrack(ObjectStore store, long id) {
        return segmentKeys(store, id).stream().collect(Collectors.groupingBy(k -> k.split("/")[2], TreeMap::new,
                Collectors.toList()));
    }

    private static JsonNode get(LianxinProcess app, String path) {
        HttpResponse<byte[]> r = send(app, path);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as("GET " + path + " as sc.reviewer: " + body).isEqualTo(200);
        return JSON.readTree(body);
    }

    /** The JSON of a 200 answer, else null (for polling). */
    private static JsonNode getOrNull(LianxinProcess app, String path) {
        HttpResponse<byte[]> r = send(app, path);
        return r.statusCode() == 200 ? JSON.readTree(new String(r.body(), StandardCharsets.UTF_8)) : null;
    }

    private static HttpResponse<byte[]> send(LianxinProcess app, String path) {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("sc.reviewer:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", auth).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
