package org.lianxin.web.medianodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.RoomSpec;
import org.lianxin.signaling.nodes.MediaNodes;
import org.lianxin.signaling.testing.FakeJanus;
import org.lianxin.web.testing.AppInstances;
import org.lianxin.web.testing.LiveHttp;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14 through two whole application instances on one database (H2 and PostgreSQL by the subclasses), both
 * driving the same two fake Janus nodes: a drain through instance A's API stops placement on B; an undrain through
 * B's holds on A; and B places a new room on the node with fewer rooms cluster-wide although it holds none on the
 * other (alone it would take the first node).
 */
abstract class SharedMediaNodesContract {
    static final String PASSWORD = "shared-media-nodes-it-password";
    static FakeJanus janusA;
    static FakeJanus janusB;
    static ConfigurableApplicationContext appA;
    static ConfigurableApplicationContext appB;
    final HttpClient http = HttpClient.newHttpClient();

    static void start(Map<String, String> database) throws Exception {
        janusA = new FakeJanus();
        janusB = new FakeJanus();
        appA = app("app-a", database);
        appB = app("app-b", database);
    }

    private static ConfigurableApplicationContext app(String node, Map<String, String> database) throws Exception {
        Map<String, Object> p = AppInstances.node(node, database, PASSWORD);
        p.put("lianxin.janus.nodes[0].name", "janus-a");
        p.put("lianxin.janus.nodes[0].url", janusA.uri().toString());
        p.put("lianxin.janus.nodes[1].name", "janus-b");
        p.put("lianxin.janus.nodes[1].url", janusB.uri().toString());
        p.put("lianxin.cluster.media-node-refresh", "500ms");
        return AppInstances.start(p);
    }

    @AfterAll
    static void stop() throws Exception {
        AppInstances.closeAll(appB, appA, janusA, janusB);
    }

    static MediaNodes nodes(ConfigurableApplicationContext app) {
        return app.getBean(MediaNodes.class);
    }

    LiveHttp.Resp call(ConfigurableApplicationContext app, String method, String path, String body) {
        return LiveHttp.send(http, Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), method,
                path, LiveHttp.basic("sc.admin", PASSWORD), body);
    }

    void drain(ConfigurableApplicationContext app, String node, boolean drained) {
        LiveHttp.ok(call(app, "PUT", "/api/v1/admin/media-nodes/" + node + "/drain", "{\"drained\":" + drained + "}"));
    }

    /** The node as {@code app} lists it. */
    JsonNode listed(ConfigurableApplicationContext app, String node) {
        for (JsonNode n : LiveHttp.ok(call(app, "GET", "/api/v1/admin/media-nodes", null))) {
            if (n.path("name").asString().equals(node)) return n;
        }
        throw new AssertionError("no node " + node);
    }

    static String place(ConfigurableApplicationContext app, long room) {
        nodes(app).createRoom(RoomSpec.of(new MediaRoomId(room), "s")).join();
        return nodes(app).nodeOf(new MediaRoomId(room));
    }

    @Test
    void aDrainOnOneInstanceHoldsOnTheOtherWhichPlacesOnTheNodeWithFewerRoomsClusterWide() {
        for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[] {appA, appB}) {
            await().atMost(Duration.ofSeconds(15)).until(() -> nodes(app).health().detail().startsWith("2 of 2"));
        }
        // drained through A: B places nothing there (alone, B would take janus-a, the first of equals)
        drain(appA, "janus-a", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes(appB).status("janus-a").drained());
        assertThat(place(appB, 9101)).isEqualTo("janus-b");
        JsonNode seenByB = listed(appB, "janus-a");
        assertThat(seenByB.path("drained").asBoolean()).isTrue();
        assertThat(seenByB.path("drainedBy").asString()).isEqualTo("sc.admin");

        // undrained through B: A follows
        drain(appB, "janus-a", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !nodes(appA).status("janus-a").drained());

        // A puts two rooms on janus-a (janus-b drained meanwhile, through A)
        drain(appA, "janus-b", true);
        assertThat(place(appA, 9102)).isEqualTo("janus-a");
        assertThat(place(appA, 9103)).isEqualTo("janus-a");
        drain(appA, "janus-b", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !nodes(appB).status("janus-b").drained()
                && listed(appB, "janus-a").path("roomsInCluster").asInt() == 2);
        assertThat(listed(appB, "janus-a").path("rooms").asInt()).as("B's own").isZero();
        assertThat(listed(appB, "janus-b").path("roomsInCluster").asInt()).isEqualTo(1);

        // B holds janus-a 0, janus-b 1; the cluster janus-a 2, janus-b 1: B places on janus-b
        assertThat(place(appB, 9104)).isEqualTo("janus-b");
        await().atMost(Duration.ofSeconds(10)).until(() -> listed(appA, "janus-b").path("roomsInCluster").asInt() == 2);

        JdbcClient jdbc = appA.getBean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'media-node.drain'").query(Long.class)
                .single()).isEqualTo(4);
    }
}
