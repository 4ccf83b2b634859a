package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lianxin.web.testing.LiveHttp.ok;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingService;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.testing.AppInstances;
import org.lianxin.web.testing.LiveHttp;
import org.lianxin.web.testing.WsClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The consultation's recording switch made through the instance that does not own the room is carried out by the
 * owner at once (issue 14): two whole application instances on one PostgreSQL database, each with a fake Janus, the
 * room owned by A, the host's {@code PUT …/recording} sent to B — and each instance's reading of the switches
 * ({@code lianxin.recording.switch-check}) set to 10 minutes, so that only B's notice can tell A within the test's
 * waits. Before the notice (A read the switch every second, nothing else told it) this failed: the switch waited for
 * that reading.
 */
class RecordingSwitchNoticeIT {
    static final String PASSWORD = "recording-switch-it-password";
    static final String LEADER = LiveHttp.basic("jinjiang.leader", PASSWORD);
    static final Duration WITHIN = Duration.ofSeconds(20);
    /** Far below the switch check (10 min): only the notice can make it; a few seconds on a loaded machine. */
    static final Duration AT_ONCE = Duration.ofSeconds(5);

    static FakeJanus janusA;
    static FakeJanus janusB;
    static ConfigurableApplicationContext appA;
    static ConfigurableApplicationContext appB;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBoth() throws Exception {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_recording_switch_notice");
        Map<String, String> database = Map.of("spring.datasource.url", db.url(), "spring.datasource.username",
                db.user(), "spring.datasource.password", db.password());
        janusA = new FakeJanus();
        janusB = new FakeJanus();
        appA = app("app-a", janusA, database);
        appB = app("app-b", janusB, database);
    }

    private static ConfigurableApplicationContext app(String node, FakeJanus janus, Map<String, String> database)
            throws Exception {
        Map<String, Object> p = AppInstances.node(node, database, PASSWORD);
        p.put("lianxin.signaling.janus-url", janus.uri().toString());
        p.put("lianxin.recording.compose", "false");
        p.put("lianxin.recording.switch-check", "10m"); // the safety net out of the way: only the notice tells
        return AppInstances.start(p);
    }

    @AfterAll
    static void stop() throws Exception {
        AppInstances.closeAll(appB, appA, janusA, janusB);
    }

    static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    JsonNode call(ConfigurableApplicationContext app, String method, String path, String body) {
        return ok(LiveHttp.send(http, port(app), method, path, LEADER, body));
    }

    RecordingCatalog catalog() {
        return appA.getBean(RecordingCatalog.class);
    }

    static RecordingService recorder(ConfigurableApplicationContext app) {
        return app.getBean(RecordingService.class);
    }

    String instanceOf(long recordingId) {
        return appA.getBean(JdbcClient.class).sql("select instance_id from recording where id = ?").param(recordingId)
                .query(String.class).single();
    }

    long consultation() {
        return call(appA, "POST", "/api/v1/consultations",
                "{\"title\":\"录像开关测试" + UUID.randomUUID().toString().substring(0, 6) + "\",\"recording\":false}")
                .path("id").asLong();
    }

    /** The host joins through instance A, whose token places the room there. */
    WsClient hostJoinsOnA(long id) {
        JsonNode ticket = call(appA, "POST", "/api/v1/consultations/" + id + "/join-token", null);
        assertThat(ticket.path("wsUrl").asString()).contains("node=app-a");
        WsClient ws = WsClient.connect(URI.create(ticket.path("wsUrl").asString()));
        ws.send("join", "j", "\"token\":\"" + ticket.path("token").asString() + "\"");
        ws.next("joined");
        return ws;
    }

    void switchOnB(long id, boolean on) {
        JsonNode state = call(appB, "PUT", "/api/v1/consultations/" + id + "/recording", "{\"on\":" + on + "}");
        assertThat(state.path("recording").asBoolean()).as("the switch as the host set it").isEqualTo(on);
    }

    List<String> timeline(long recordingId) {
        return catalog().timeline(recordingId).stream().map(Manifest.TimelineEntry::type).toList();
    }

    @Test
    void recordingSwitchedThroughTheOtherInstanceIsCarriedOutByTheOwnerAtOnce() throws Exception {
        long id = consultation();
        String room = RoomSubject.consultation(id).roomId();
        try (WsClient host = hostJoinsOnA(id)) {
            long t0 = System.nanoTime();
            switchOnB(id, true);
            await("the owner records the room at once").atMost(AT_ONCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> recorder(appA).isCapturing(room));
            long on = (System.nanoTime() - t0) / 1_000_000;
            assertThat(recorder(appB).isCapturing(room)).as("no recorder on the instance not owning the room")
                    .isFalse();
            Recording r = catalog().openInRoom(room).orElseThrow();
            assertThat(instanceOf(r.id())).as("the catalog row stays the owner's").isEqualTo("app-a");

            t0 = System.nanoTime();
            switchOnB(id, false);
            await("the owner stops recording at once").atMost(AT_ONCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> !recorder(appA).isCapturing(room));
            long off = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("RecordingSwitchNoticeIT: switched on through B, recording on A after %d ms; off after"
                    + " %d ms (from the PUT's start)%n", on, off);
            await().atMost(WITHIN).until(() -> catalog().find(r.id()).orElseThrow().endedAt() != null);
            assertThat(timeline(r.id())).containsSubsequence("RECORDING_ON", "RECORDING_STARTED", "RECORDING_OFF",
                    "RECORDING_ENDED");
            assertThat(instanceOf(r.id())).isEqualTo("app-a");
        }
    }
}
