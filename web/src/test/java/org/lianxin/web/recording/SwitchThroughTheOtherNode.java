package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.web.testing.LiveHttp.ok;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingService;
import org.lianxin.web.testing.AppInstances;
import org.lianxin.web.testing.LiveHttp;
import org.lianxin.web.testing.TwoInstances;
import org.lianxin.web.testing.WsClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The set-up of the tests of a consultation's recording switch sent to the instance that does not own the room
 * (issue 14): two whole application instances on one PostgreSQL database ({@link TwoInstances}, composing off), the
 * consultation made and its room opened through A, the host's {@code PUT …/recording} sent to B. Each test class
 * starts both in its {@code @BeforeAll} with {@link #startBoth}; they are closed after its last test.
 */
abstract class SwitchThroughTheOtherNode {
    static final String PASSWORD = "recording-switch-it-password";
    static final String LEADER = LiveHttp.basic("jinjiang.leader", PASSWORD);
    static final Duration WITHIN = Duration.ofSeconds(20);

    static TwoInstances apps;
    static ConfigurableApplicationContext appA;
    static ConfigurableApplicationContext appB;
    final HttpClient http = HttpClient.newHttpClient();

    /** Starts A and B on the fresh database {@code database}, with the properties {@code more} too. */
    static void startBoth(String database, Map<String, String> more) throws Exception {
        Map<String, String> p = new HashMap<>(more);
        p.put("lianxin.recording.compose", "false");
        apps = TwoInstances.start(TwoInstances.postgres(database), PASSWORD, p);
        appA = apps.appA();
        appB = apps.appB();
    }

    @AfterAll
    static void stop() throws Exception {
        AppInstances.closeAll(apps);
        apps = null;
        appA = null;
        appB = null;
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

    /** A new consultation, recording off, made through A. */
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

    /** The host's switch sent to B, answered with the switch as set. */
    void switchOnB(long id, boolean on) {
        JsonNode state = call(appB, "PUT", "/api/v1/consultations/" + id + "/recording", "{\"on\":" + on + "}");
        assertThat(state.path("recording").asBoolean()).as("the switch as the host set it").isEqualTo(on);
    }

    List<String> timeline(long recordingId) {
        return catalog().timeline(recordingId).stream().map(Manifest.TimelineEntry::type).toList();
    }
}
