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
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.testing.AppInstances;
import org.lianxin.web.testing.LiveHttp;
import org.lianxin.web.testing.TwoInstances;
import org.lianxin.web.testing.WsClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The consultation's recording switch behind a load balancer (issue 14): two whole application instances on one
 * PostgreSQL database, each with a fake Janus; the consultation's room is owned by instance A (its first join token was
 * asked there) and the host's {@code PUT …/recording} reaches instance B. The switch must take effect on A — A records
 * the room, its catalog row names A — and B must not become a recorder of a room it does not own (before the fix B
 * made a recorder there, which never captures: no room events reach it, and moved the catalog row to itself).
 */
class RecordingSwitchOnTheOtherNodeIT {
    static final String PASSWORD = "recording-switch-it-password";
    static final String LEADER = LiveHttp.basic("jinjiang.leader", PASSWORD);
    static final Duration WITHIN = Duration.ofSeconds(20);

    static TwoInstances apps;
    static ConfigurableApplicationContext appA;
    static ConfigurableApplicationContext appB;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBoth() throws Exception {
        apps = TwoInstances.start(TwoInstances.postgres("web_recording_switch"), PASSWORD,
                Map.of("lianxin.recording.compose", "false"));
        appA = apps.appA();
        appB = apps.appB();
    }

    @AfterAll
    static void stop() throws Exception {
        AppInstances.closeAll(apps);
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
    void recordingSwitchedOnAndOffThroughTheOtherInstanceIsCarriedOutByTheRoomsOwner() throws Exception {
        long id = consultation();
        String room = RoomSubject.consultation(id).roomId();
        try (WsClient host = hostJoinsOnA(id)) {
            switchOnB(id, true);
            await("the owner records the room").atMost(WITHIN).until(() -> recorder(appA).isCapturing(room));
            assertThat(recorder(appB).isCapturing(room)).as("no recorder on the instance not owning the room")
                    .isFalse();
            Recording r = catalog().openInRoom(room).orElseThrow();
            assertThat(instanceOf(r.id())).as("the catalog row stays the owner's").isEqualTo("app-a");

            switchOnB(id, false);
            await("the owner stops recording").atMost(WITHIN).until(() -> !recorder(appA).isCapturing(room));
            await().atMost(WITHIN).until(() -> catalog().find(r.id()).orElseThrow().endedAt() != null);
            assertThat(catalog().openInRoom(room)).isEmpty();
            assertThat(catalog().ofConsultation(id)).singleElement().extracting(Recording::id).isEqualTo(r.id());
            assertThat(timeline(r.id())).containsSubsequence("RECORDING_ON", "RECORDING_STARTED", "RECORDING_OFF",
                    "RECORDING_ENDED");
            assertThat(instanceOf(r.id())).isEqualTo("app-a");
        }
    }

    @Test
    void recordingSwitchedOnThroughTheOtherInstanceBeforeTheRoomOpensIsRecordedWhereTheRoomOpens() throws Exception {
        long id = consultation();
        String room = RoomSubject.consultation(id).roomId();
        switchOnB(id, true);
        assertThat(recorder(appB).isCapturing(room)).as("no recorder on an instance without the room").isFalse();
        try (WsClient host = hostJoinsOnA(id)) {
            await("the owner records the room").atMost(WITHIN).until(() -> recorder(appA).isCapturing(room));
            assertThat(recorder(appB).isCapturing(room)).isFalse();
            Recording r = catalog().openInRoom(room).orElseThrow();
            assertThat(catalog().ofConsultation(id)).as("one recording").singleElement().extracting(Recording::id)
                    .isEqualTo(r.id());
            assertThat(instanceOf(r.id())).isEqualTo("app-a");
            assertThat(timeline(r.id())).contains("RECORDING_ON").doesNotContain("TAKEN_OVER");
        }
    }
}
