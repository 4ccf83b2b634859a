package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lianxin.web.testing.LiveHttp.ok;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.verify.RecordingVerifier;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.web.pages.ChromiumBrowser;
import org.lianxin.web.pages.LiveFixture;
import org.lianxin.web.testing.LianxinProcess;
import org.lianxin.web.testing.WsClient;
import org.lianxin.web.testing.LiveHttp;
import tools.jackson.databind.JsonNode;

/**
 * A graceful stop (SIGTERM) of the application in the middle of a recorded reception finishes the recording
 * cleanly: the app runs as a separate JVM from the runnable jar (dev profile, the default H2 file database and
 * local-folder storage in a data dir under target/graceful-stop-it, kept with the app's log), a leader and the
 * petitioner publish from two Chromiums through {@code live-client.html}; once each track has a segment in storage
 * the JVM gets SIGTERM. After it exited — without a restart, whose recovery would mend what the stop left — the
 * test reads the database file and the storage folder: the process exited cleanly and its log has no database
 * closed under the rooms or the recorder; the recording is INTERRUPTED (a server shutdown is no end of the
 * reception) with the gap "recording server shut down"; its manifest is in storage, is the one the catalog recorded,
 * and verifies; every segment stored before the stop is in it, and storage holds every segment it lists. Two
 * consultations recorded at the stop end the same way: one whose host turned recording on before anyone joined (no
 * room), one whose host is in its room.
 */
class GracefulStopIT {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String LEADER = "jinjiang.leader";
    private static final String STAFF = "jinjiang.scheduler";
    private static final String REVIEWER = "sc.reviewer";

    static JanusTestHost janus;
    static Path work;
    static Path dataDir;
    static LianxinProcess app;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        ChromiumBrowser.assumeAvailable();
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        work = freshDir(Path.of("target", "graceful-stop-it").toAbsolutePath());
        dataDir = work.resolve("data");
        janus = JanusTestHost.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (app != null) app.close();
        } finally {
            if (janus != null) janus.close();
        }
    }

    @Test
    void aStopDuringARecordedReceptionEndsTheRecordingAsInterruptedWithItsManifestStoredAndNothingLost()
            throws Exception {
        int port = LianxinProcess.freePort();
        app = LianxinProcess.start(LianxinProcess.execJar(), port, List.of(
                "--spring.profiles.active=dev",
                "--lianxin.data-dir=" + dataDir,
                "--lianxin.demo.password=" + PASSWORD,
                "--lianxin.signaling.janus-url=" + janus.wsUrl(),
                "--lianxin.signaling.janus-admin-key=" + janus.adminKey(),
                "--lianxin.signaling.janus-request-timeout=5s",
                "--lianxin.recording.rtp-host=" + janus.hostAddress(),
                "--lianxin.recording.segment-length=3s",
                "--lianxin.recording.compose=false"), work.resolve("app.log"));
        app.awaitHealthy(Duration.ofSeconds(180));

        LiveFixture f = LiveFixture.createForDemoLeader(app.baseUrl(), PASSWORD, LEADER);
        long bookingId = f.bookingId();
        ok(send("POST", "/api/v1/bookings/" + bookingId + "/check-in", STAFF,
                "{\"idNumber\":\"" + f.idNumber() + "\"}"));
        JsonNode host = ok(send("POST", "/api/v1/bookings/" + bookingId + "/join-token", LEADER, null));
        JsonNode terminal = ok(send("POST", "/api/v1/bookings/" + bookingId + "/join-token", STAFF, null));

        ObjectStore store = ObjectStores.local(dataDir.resolve("recordings"));
        long recordingId;
        List<String> storedBeforeStop;
        long notJoined;
        long inRoom;
        HttpServer pages = servePage();
        try (ChromiumBrowser leader = ChromiumBrowser.startWithFakeMedia("zh-CN");
             ChromiumBrowser petitioner = ChromiumBrowser.startWithFakeMedia("zh-CN")) {
            String base = "http://127.0.0.1:" + pages.getAddress().getPort() + "/?ws="
                    + URLEncoder.encode(host.path("wsUrl").asString(), StandardCharsets.UTF_8) + "&token=";
            leader.driver().get(base + host.path("token").asString());
            await("the leader publishing").atMost(Duration.ofSeconds(60)).until(() -> lx(leader, "answered"));
            petitioner.driver().get(base + terminal.path("token").asString());
            await("the petitioner in the lobby").atMost(Duration.ofSeconds(30))
                    .until(() -> "petitioner".equals(field(petitioner, "joined")));
            leader.driver().executeScript("window.admit('petitioner')");
            await("the petitioner publishing").atMost(Duration.ofSeconds(60)).until(() -> lx(petitioner, "answered"));
            await("the leader decoding the petitioner").atMost(Duration.ofSeconds(60))
                    .until(() -> framesDecoded(leader) > 10);
            await("the petitioner decoding the leader").atMost(Duration.ofSeconds(60))
                    .until(() -> framesDecoded(petitioner) > 10);

            JsonNode listed = ok(send("GET", "/api/v1/recordings?bookingId=" + bookingId, REVIEWER, null));
            assertThat(listed.size()).as("recordings of booking " + bookingId + ": " + listed).isEqualTo(1);
            recordingId = listed.get(0).path("id").asLong();
            long id = recordingId;
            await("two tracks with a stored segment each").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> segmentsPerTrack(store, id).size() == 2
                            && segmentsPerTrack(store, id).values().stream().allMatch(l -> !l.isEmpty()));
            storedBeforeStop = segmentKeys(store, id);
            assertThat(lx(leader, "errors.length === 0")).as("the leader's page saw no error").isTrue();

            // two consultations recorded at the stop: one whose host turned recording on before anyone joined (no
            // room), one whose host is in its room (recorded from its start)
            notJoined = consultation(false);
            ok(send("PUT", "/api/v1/consultations/" + notJoined + "/recording", LEADER, "{\"on\":true}"));
            inRoom = consultation(true);
            JsonNode token = ok(send("POST", "/api/v1/consultations/" + inRoom + "/join-token", LEADER, null));
            try (WsClient consultationHost = WsClient.connect(URI.create(token.path("wsUrl").asString()))) {
                consultationHost.send("join", "j1", "\"token\":\"" + token.path("token").asString() + "\"");
                consultationHost.next("joined");
                // switched on with no room: open (PENDING), for whichever node opens the room (issue 14)
                await("the recording of consultation " + notJoined + " open").atMost(Duration.ofSeconds(30))
                        .until(() -> "PENDING".equals(ok(send("GET", "/api/v1/recordings?consultationId=" + notJoined,
                                REVIEWER, null)).path(0).path("status").asString()));
                await("the recording of consultation " + inRoom + " RECORDING").atMost(Duration.ofSeconds(30))
                        .until(() -> "RECORDING".equals(ok(send("GET", "/api/v1/recordings?consultationId=" + inRoom,
                                REVIEWER, null)).path(0).path("status").asString()));

                int exit = app.stop(Duration.ofSeconds(90));
                assertThat(exit).as("exit status after SIGTERM; log " + app.log() + ":\n" + app.logTail(80))
                        .isIn(0, 143);
            }
        } finally {
            pages.stop(0);
        }

        String log = app.logText();
        Recorded row = catalogRow(recordingId);
        long id = recordingId;
        long consultationNotJoined = notJoined;
        long consultationInRoom = inRoom;
        assertAll("recording " + id + " after a graceful stop; log " + app.log(),
                () -> assertThat(log).as("the database closed under the live rooms and the recorder")
                        .doesNotContain("Database is already closed"),
                () -> assertThat(log).as("a room event the recording could not follow")
                        .doesNotContain("recording could not follow"),
                () -> assertThat(row.status()).as("the recording's status in the catalog").isEqualTo("INTERRUPTED"),
                () -> {
                    assertThat(store.stat(Manifest.key(id))).as("the manifest in storage").isPresent();
                    String sha;
                    try (InputStream in = store.get(Manifest.key(id))) {
                        sha = HashChain.sha256Hex(in);
                    }
                    assertThat(sha).as("the stored manifest is the one the catalog recorded")
                            .isEqualTo(row.manifestSha256());
                    RecordingVerifier.Result verified = new RecordingVerifier(store)
                            .verify(id, new RecordingVerifier.Expected(row.manifestSha256(), row.chainHead()));
                    assertThat(verified.problems()).as("the verifier's problems").isEmpty();
                    Manifest m = verified.manifest().orElseThrow();
                    assertThat(m.status()).isEqualTo("INTERRUPTED");
                    assertThat(m.gaps()).as("gaps in the manifest").extracting(Manifest.Gap::reason)
                            .contains("recording server shut down");
                    List<String> listedInManifest = m.segments().stream().map(Manifest.Segment::key).toList();
                    assertThat(listedInManifest).as("segments in the manifest vs those stored before the stop")
                            .containsAll(storedBeforeStop);
                    assertThat(segmentKeys(store, id)).as("segments in storage vs the manifest")
                            .containsExactlyInAnyOrderElementsOf(listedInManifest);
                },
                () -> assertStoppedConsultation(store, consultationNotJoined,
                        "recording switched on before anyone joined"),
                () -> assertStoppedConsultation(store, consultationInRoom, "host in the room"));
    }

    /** The consultation's one recording ended INTERRUPTED at the stop, its manifest stored and verified. */
    private static void assertStoppedConsultation(ObjectStore store, long consultationId, String what)
            throws SQLException {
        List<Recorded> rows = consultationRows(consultationId);
        assertThat(rows).as("recordings of consultation " + consultationId + " (" + what + ")").hasSize(1);
        Recorded row = rows.get(0);
        assertThat(row.status()).as("consultation " + consultationId + " (" + what + ")").isEqualTo("INTERRUPTED");
        assertThat(row.manifestSha256()).as("its manifest's SHA-256 in the catalog").isNotNull();
        RecordingVerifier.Result verified = new RecordingVerifier(store)
                .verify(row.id(), new RecordingVerifier.Expected(row.manifestSha256(), row.chainHead()));
        assertThat(verified.problems()).as("the verifier's problems for consultation " + consultationId).isEmpty();
        assertThat(verified.manifest().orElseThrow().gaps()).extracting(Manifest.Gap::reason)
                .contains("recording server shut down");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    record Recorded(long id, String status, String manifestSha256, String chainHead) {
    }

    /** The recording's row, read from the H2 file the stopped app left. */
    private static Recorded catalogRow(long id) throws SQLException {
        try (Connection c = DriverManager.getConnection(h2Url(), "sa", "");
             PreparedStatement s = c.prepareStatement(
                     "select status, manifest_sha256, chain_head from recording where id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("recording " + id + " in the catalog").isTrue();
                return new Recorded(id, r.getString(1), r.getString(2), r.getString(3));
            }
        }
    }

    /** The consultation's recordings, read from the H2 file the stopped app left. */
    private static List<Recorded> consultationRows(long consultationId) throws SQLException {
        try (Connection c = DriverManager.getConnection(h2Url(), "sa", "");
             PreparedStatement s = c.prepareStatement("select id, status, manifest_sha256, chain_head from recording"
                     + " where consultation_id = ? order by id")) {
            s.setLong(1, consultationId);
            List<Recorded> rows = new java.util.ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Recorded(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return rows;
        }
    }

    private static String h2Url() {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("lianxin") + ";IFEXISTS=TRUE";
    }

    /** A consultation hosted by the demo leader, recorded from its start or not. */
    private long consultation(boolean recorded) {
        return ok(send("POST", "/api/v1/consultations", LEADER, "{\"title\":\"停机会商\",\"recording\":" + recorded
                + "}")).path("id").asLong();
    }

    private static List<String> segmentKeys(ObjectStore store, long id) {
        return store.list("recordings/" + id + "/").stream().map(ObjectStore.ObjectInfo::key)
                .filter(k -> k.matches("recordings/\\d+/[^/]+/\\d{6}\\.mkv")).sorted().toList();
    }

    private static Map<String, List<String>> segmentsPerTrack(ObjectStore store, long id) {
        return segmentKeys(store, id).stream().collect(Collectors.groupingBy(k -> k.split("/")[2], TreeMap::new,
                Collectors.toList()));
    }

    private LiveHttp.Resp send(String method, String path, String user, String json) {
        return LiveHttp.send(http, Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1)),
                method, path, LiveHttp.basic(user, PASSWORD), json);
    }

    /** live-client.html on a local HTTP server (the page joins with the token in its URL). */
    private HttpServer servePage() throws IOException {
        byte[] page;
        try (InputStream in = getClass().getResourceAsStream("live-client.html")) {
            page = in.readAllBytes();
        }
        HttpServer pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (var out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        pages.start();
        return pages;
    }

    private static boolean lx(ChromiumBrowser b, String field) {
        return Boolean.TRUE.equals(b.driver().executeScript("return window.lx && window.lx." + field));
    }

    private static Object field(ChromiumBrowser b, String field) {
        return b.driver().executeScript("return window.lx && window.lx." + field);
    }

    @SuppressWarnings("unchecked")
    private static long framesDecoded(ChromiumBrowser b) {
        Object r = b.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.received().then(done, e => done(null));");
        return r == null ? 0 : ((Number) ((Map<String, Object>) r).get("framesDecoded")).longValue();
    }

    private static Path freshDir(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
