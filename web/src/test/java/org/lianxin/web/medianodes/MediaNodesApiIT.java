package org.lianxin.web.medianodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.nodes.MediaNodes;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.web.testing.LiveHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with two media nodes ({@code lianxin.janus.nodes}, two fake Janus servers on 127.0.0.1):
 * the province's administrator lists them and drains one, which then takes no new room; an unknown node and a body
 * without {@code drained} are problem details; nobody else lists or drains; every drain is in the audit trail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + MediaNodesApiIT.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.signaling.janus-admin-key=test-admin-key"})
class MediaNodesApiIT {
    static final String PASSWORD = "media-nodes-it-demo-password";
    static FakeJanus one;
    static FakeJanus two;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        one = new FakeJanus();
        two = new FakeJanus();
        String name = "nodesit" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        Path dataDir = Files.createTempDirectory("nodes-it");
        registry.add("lianxin.data-dir", dataDir::toString);
        registry.add("lianxin.janus.nodes[0].name", () -> "janus-a");
        registry.add("lianxin.janus.nodes[0].url", () -> one.uri().toString());
        registry.add("lianxin.janus.nodes[1].name", () -> "janus-b");
        registry.add("lianxin.janus.nodes[1].url", () -> two.uri().toString());
    }

    @AfterAll
    static void stopJanus() throws Exception {
        one.close();
        two.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    MediaNodes nodes;
    @Autowired
    JdbcClient jdbc;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void bothNodesConnected() {
        await().atMost(Duration.ofSeconds(15)).until(() -> nodes.health().detail().startsWith("2 of 2"));
    }

    LiveHttp.Resp call(String method, String path, String user, String body) {
        return LiveHttp.send(http, port, method, path, LiveHttp.basic(user, PASSWORD), body);
    }

    @Test
    void theProvincesAdministratorDrainsANodeWhichThenTakesNoNewRoomAndUndrainsIt() {
        LiveHttp.Resp list = call("GET", "/api/v1/admin/media-nodes", "sc.admin", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(LiveHttp.json(list).findValuesAsString("name")).containsExactly("janus-a", "janus-b");
        assertThat(LiveHttp.json(list).get(0).get("reachable").asBoolean()).isTrue();
        assertThat(LiveHttp.json(list).get(0).get("drained").asBoolean()).isFalse();

        LiveHttp.Resp drained = call("PUT", "/api/v1/admin/media-nodes/janus-a/drain", "sc.admin",
                "{\"drained\":true}");
        assertThat(drained.status()).as(drained.body()).isEqualTo(200);
        assertThat(LiveHttp.json(drained).get("drained").asBoolean()).isTrue();
        nodes.createRoom(RoomSpec.of(new MediaRoomId(9001), "s")).join();
        nodes.createRoom(RoomSpec.of(new MediaRoomId(9002), "s")).join();
        assertThat(nodes.nodeOf(new MediaRoomId(9001))).isEqualTo("janus-b");
        assertThat(nodes.nodeOf(new MediaRoomId(9002))).isEqualTo("janus-b");
        assertThat(LiveHttp.json(call("GET", "/api/v1/admin/media-nodes", "sc.admin", null)).get(1).get("rooms").asInt())
                .isEqualTo(2);

        assertThat(call("PUT", "/api/v1/admin/media-nodes/janus-a/drain", "sc.admin", "{\"drained\":false}")
                .status()).isEqualTo(200);
        nodes.createRoom(RoomSpec.of(new MediaRoomId(9003), "s")).join();
        assertThat(nodes.nodeOf(new MediaRoomId(9003))).isEqualTo("janus-a");

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select details from audit_entry where action = 'media-node.drain' and object_id = 'janus-a'"
                        + " and username = 'sc.admin'").query(String.class).list().size() == 2);
        List<String> details = jdbc.sql("select details from audit_entry where action = 'media-node.drain'"
                + " order by seq").query(String.class).list();
        assertThat(details.get(0)).contains("\"drained\":\"true\"");
        assertThat(details.get(1)).contains("\"drained\":\"false\"");
    }

    @Test
    void anUnknownNodeAndAMissingDrainedAreProblemDetails() {
        LiveHttp.Resp unknown = call("PUT", "/api/v1/admin/media-nodes/janus-z/drain", "sc.admin",
                "{\"drained\":true}");
        LiveHttp.assertProblem(unknown, 404, "media-node-not-found");
        LiveHttp.Resp empty = call("PUT", "/api/v1/admin/media-nodes/janus-a/drain", "sc.admin", "{}");
        LiveHttp.assertProblem(empty, 400, "drained-required");
        assertThat(nodes.status("janus-a").drained()).isFalse();
    }

    @Test
    void nobodyButTheProvincesAdministratorListsOrDrains() {
        for (String user : List.of("sc.leader", "sc.security", "sc.auditor", "cd.leader", "jinjiang.scheduler")) {
            LiveHttp.Resp list = call("GET", "/api/v1/admin/media-nodes", user, null);
            assertThat(list.status()).as(user).isEqualTo(403);
            LiveHttp.Resp drain = call("PUT", "/api/v1/admin/media-nodes/janus-a/drain", user,
                    "{\"drained\":true}");
            assertThat(drain.status()).as(user).isEqualTo(403);
            assertThat(drain.body()).doesNotContain("janus-a\",\"reachable");
        }
        assertThat(nodes.status("janus-a").drained()).isFalse();
        assertThat(LiveHttp.send(http, port, "GET", "/api/v1/admin/media-nodes", "Bearer none", null).status())
                .as("no login").isEqualTo(401);
    }
}
