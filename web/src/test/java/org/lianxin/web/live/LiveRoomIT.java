package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.web.testing.LiveHttp.assertProblem;
import static org.lianxin.web.testing.LiveHttp.json;
import static org.lianxin.web.testing.LiveHttp.ok;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lianxin.web.testing.LiveHttp.Resp;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.signaling.testing.CounterWaits;
import org.lianxin.signaling.testing.JanusTestHost;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.web.pages.ChromiumBrowser;
import org.lianxin.web.testing.WsClient;
import org.lianxin.web.testing.JanusApp;
import org.lianxin.web.testing.LiveHttp;
import org.lianxin.web.testing.ReceptionFixture;
import org.lianxin.web.testing.ReceptionFixture.Slot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * A live room through the whole server: REST join tokens (roles from the caller, the room opening
 * 15 min before the start), the signaling WebSocket (JDK client) with the room state machine, and
 * the media engine against a real Janus (in a network namespace, see {@link JanusTestHost}); the
 * booking follows the room (admission → IN_SESSION, end → COMPLETED). The application's clock is
 * a {@link MutableClock} the test moves; the database is a fresh in-memory H2 (dev profile).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + LiveRoomIT.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.signaling.token-secret=" + LiveRoomIT.TOKEN_SECRET,
        "lianxin.signaling.janus-request-timeout=5s"})
@DirtiesContext
class LiveRoomIT extends JanusApp {
    static final String PASSWORD = "live-it-demo-password";
    /** base64 of 32 bytes: the test signs its own tokens (forged, other room) with it. */
    static final String TOKEN_SECRET = "bGl2ZS1pdC10b2tlbi1zZWNyZXQtb2YtMzItYnl0ZXMhIQ==";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String ADMIN = basic("sc.admin");
    static final String JINJIANG = basic("jinjiang.scheduler");
    static final String LEADER = basic("jinjiang.leader");
    static final String CITY_LEADER = basic("cd.leader");
    static final String FUCHENG = basic("fucheng.scheduler");

    static final LocalDate DAY = LocalDate.now(SHANGHAI).plusDays(3);
    static final MutableClock CLOCK = new MutableClock(DAY.atTime(7, 0).atZone(SHANGHAI).toInstant());
    static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    javax.sql.DataSource dataSource;

    final HttpClient http = HttpClient.newHttpClient();

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock liveItClock() {
            return CLOCK;
        }
    }

    // ------------------------------------------------------------------------------------------------ the test

    @Test
    void aHostAdmitsThePetitionerFromTheLobbyAndEndsTheSessionWhileBadFramesAreRefusedWithNumbers() throws Exception {
        Slot f = fixture();
        Instant start = f.start();
        long id = book(f);
        String roomId = "booking-" + id;

        // the room opens 15 min before the start
        CLOCK.set(start.minus(Duration.ofMinutes(20)));
        assertProblem(post("/api/v1/bookings/" + id + "/join-token", LEADER, null), 422, "room-not-open");
        assertThat(rooms.isOpen(roomId)).isFalse();
        CLOCK.set(start.minus(Duration.ofMinutes(10)));

        // roles come from the caller; the terminal's staff only after the check-in
        assertProblem(post("/api/v1/bookings/" + id + "/join-token", JINJIANG, null), 422, "not-checked-in");
        assertProblem(post("/api/v1/bookings/" + id + "/join-token", CITY_LEADER, null), 403, "out-of-jurisdiction");
        assertProblem(post("/api/v1/bookings/" + id + "/join-token", FUCHENG, null), 404, "booking-not-found");
        Resp checkedIn = post("/api/v1/bookings/" + id + "/check-in", JINJIANG, "{\"idNumber\":\"" + f.idNumber() + "\"}");
        assertThat(checkedIn.status()).as(checkedIn.toString()).isEqualTo(200);
        JsonNode host = ok(post("/api/v1/bookings/" + id + "/join-token", LEADER, null));
        JsonNode terminal = ok(post("/api/v1/bookings/" + id + "/join-token", JINJIANG, null));
        JsonNode observer = ok(post("/api/v1/bookings/" + id + "/join-token", ADMIN, null));
        assertThat(host.path("role").asString()).isEqualTo("HOST");
        assertThat(terminal.path("role").asString()).isEqualTo("PETITIONER");
        assertThat(observer.path("role").asString()).isEqualTo("OBSERVER");
        assertThat(host.path("roomId").asString()).isEqualTo(roomId);
        URI ws = URI.create(host.path("wsUrl").asString());
        assertThat(ws.toString()).isEqualTo("ws://localhost:" + port + "/ws/signaling?room=" + roomId + "&node=local");
        assertThat(rooms.isOpen(roomId)).isTrue();

        try (WsClient leader = WsClient.connect(ws); WsClient petitioner = WsClient.connect(ws);
             WsClient stranger = WsClient.connect(URI.create(ws + "?room=" + roomId))) {
            // before a join only heartbeats are answered
            leader.send("heartbeat", "h0", "");
            leader.next("heartbeatAck");
            leader.send("admit", "a0", "\"participantId\":\"petitioner\"");
            assertThat(leader.error(301).path("correlation").asString()).isEqualTo("a0");

            leader.send("join", "j1", "\"token\":\"" + host.path("token").asString() + "\"");
            JsonNode joined = leader.next("joined");
            assertThat(joined.path("you").path("role").asString()).isEqualTo("host");
            assertThat(joined.path("lobby").isNull()).isTrue();

            petitioner.send("join", "j2", "\"token\":\"" + terminal.path("token").asString() + "\"");
            JsonNode waiting = petitioner.next("joined");
            assertThat(waiting.path("you").path("id").asString()).isEqualTo("petitioner");
            assertThat(waiting.path("lobby").path("position").asInt()).isEqualTo(1);
            assertThat(waiting.path("participants").size()).as("the lobby sees no one").isZero();
            assertThat(leader.next("participantWaiting").path("participant").path("id").asString())
                    .isEqualTo("petitioner");

            // the lobby is told to publish (to nobody: issue 10), but nothing reaches it; no admitting oneself
            petitioner.next("prepareMedia");
            petitioner.send("subscribe", "p1", "\"participants\":[\"" + joined.path("you").path("id").asString() + "\"]");
            assertThat(petitioner.error(305).path("correlation").asString()).isEqualTo("p1");
            petitioner.send("admit", "p2", "\"participantId\":\"petitioner\"");
            petitioner.error(302);

            // bad frames: each a numbered error, the connection stays usable
            petitioner.send("{not json");
            petitioner.error(101);
            petitioner.send("{\"type\":\"dance\",\"id\":\"d1\"}");
            assertThat(petitioner.error(103).path("correlation").asString()).isEqualTo("d1");
            petitioner.send("{\"type\":\"publish\",\"id\":\"big\",\"sdp\":\"" + "x".repeat(70_000) + "\"}");
            petitioner.error(102);
            petitioner.send("{\"type\":\"admit\",\"id\":\"m1\"}");
            petitioner.error(104);
            petitioner.send("heartbeat", "h1", "");
            petitioner.next("heartbeatAck");

            // forged and misdirected tokens, on a connection bound to this room
            String t = host.path("token").asString();
            String forged = t.substring(0, t.lastIndexOf('.') + 1) + "AAAA" + t.substring(t.lastIndexOf('.') + 5);
            stranger.send("join", "s1", "\"token\":\"" + forged + "\"");
            assertThat(stranger.error(202).path("correlation").asString()).isEqualTo("s1");
            JoinTokens ours = new JoinTokens(Base64.getDecoder().decode(TOKEN_SECRET), CLOCK);
            String otherRoom = ours.issue(new JoinGrant(SessionRef.reception("999999"), "booking-999999", Role.HOST,
                    "official-1", "x"));
            stranger.send("join", "s2", "\"token\":\"" + otherRoom + "\"");
            stranger.error(204);
            stranger.send("join", "s3", "\"token\":\"not-a-token\"");
            stranger.error(201);
            stranger.send("heartbeat", "s4", "");
            stranger.next("heartbeatAck");
            // a connection not bound to a room (the ticket's URL binds it with ?room=: a token for another is 204)
            try (WsClient unbound = WsClient.connect(URI.create(ws.toString().replaceFirst("\\?.*$", "")))) {
                unbound.send("join", "u1", "\"token\":\"" + otherRoom + "\"");
                unbound.error(312); // a good token for a room this server does not hold
            }

            // the media path is real: Janus refuses an SDP that is none, as a numbered media error
            leader.send("publish", "p3", "\"sdp\":\"v=0\\r\\n\"");
            assertThat(leader.error(402).path("correlation").asString()).isEqualTo("p3");

            // the host admits: the petitioner is in, the booking IN_SESSION
            leader.send("admit", "a1", "\"participantId\":\"petitioner\"");
            JsonNode admitted = petitioner.next("admitted");
            assertThat(admitted.path("participants").findValuesAsString("id")).contains("official-" + f.hostOfficial());
            leader.next("participantJoined");
            await().atMost(10, TimeUnit.SECONDS).until(() -> state(id).equals("IN_SESSION"));
            petitioner.send("heartbeat", "h2", "");
            petitioner.next("heartbeatAck");

            // the terminal loses its connection and comes back with the same token: no new admission
            petitioner.close();
            JsonNode gone = leader.next("participantConnection");
            assertThat(gone.path("participantId").asString()).isEqualTo("petitioner");
            assertThat(gone.path("connected").asBoolean()).isFalse();
            try (WsClient back = WsClient.connect(ws)) {
                back.send("join", "j3", "\"token\":\"" + terminal.path("token").asString() + "\"");
                JsonNode resumed = back.next("joined");
                assertThat(resumed.path("resumed").asBoolean()).isTrue();
                assertThat(resumed.path("lobby").isNull()).as("still admitted").isTrue();
                assertThat(leader.next("participantConnection").path("connected").asBoolean()).isTrue();
                assertThat(state(id)).isEqualTo("IN_SESSION");

                // the host ends: everyone is told and disconnected; the booking is COMPLETED; the room is gone
                leader.send("end", "e1", "");
                assertThat(leader.next("ended").path("reason").asString()).isEqualTo("host");
                assertThat(back.next("ended").path("reason").asString()).isEqualTo("host");
                assertThat(leader.awaitClosed()).isEqualTo(1000);
                assertThat(back.awaitClosed()).isEqualTo(1000);
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> state(id).equals("COMPLETED"));
            await().atMost(15, TimeUnit.SECONDS).until(() -> !rooms.isOpen(roomId) && rooms.size() == 0);
        }
        assertProblem(post("/api/v1/bookings/" + id + "/join-token", LEADER, null), 422, "booking-not-active");
    }

    @Test
    void onceAdmittedThePetitionerAndTheHostDecodeEachOthersVideoThroughOurServerAndJanus() throws Exception {
        ChromiumBrowser.assumeAvailable();
        Slot f = fixture();
        long id = book(f);
        String roomId = "booking-" + id;
        CLOCK.set(f.start().minus(Duration.ofMinutes(10)));
        ok(post("/api/v1/bookings/" + id + "/check-in", JINJIANG, "{\"idNumber\":\"" + f.idNumber() + "\"}"));
        JsonNode host = ok(post("/api/v1/bookings/" + id + "/join-token", LEADER, null));
        JsonNode terminal = ok(post("/api/v1/bookings/" + id + "/join-token", JINJIANG, null));

        HttpServer pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page;
        try (InputStream in = getClass().getResourceAsStream("live-client.html")) {
            page = in.readAllBytes();
        }
        pages.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (var out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        pages.start();
        try (ChromiumBrowser leader = ChromiumBrowser.startWithFakeMedia("zh-CN");
             ChromiumBrowser petitioner = ChromiumBrowser.startWithFakeMedia("zh-CN")) {
            String base = "http://127.0.0.1:" + pages.getAddress().getPort() + "/?ws="
                    + URLEncoder.encode(host.path("wsUrl").asString(), StandardCharsets.UTF_8) + "&token=";
            leader.driver().get(base + host.path("token").asString());
            await().atMost(30, TimeUnit.SECONDS).until(() -> lx(leader, "answered"));
            petitioner.driver().get(base + terminal.path("token").asString());
            await().atMost(15, TimeUnit.SECONDS).until(() -> "petitioner".equals(field(petitioner, "joined")));

            // in the lobby: no media either way
            assertThat(lx(petitioner, "admitted")).isFalse();
            assertThat(received(petitioner, "framesDecoded")).isZero();
            assertThat(received(leader, "framesDecoded")).isZero();

            leader.driver().executeScript("window.admit('petitioner')");
            await().atMost(30, TimeUnit.SECONDS).until(() -> lx(petitioner, "answered"));
            await().atMost(30, TimeUnit.SECONDS).until(() -> received(leader, "framesDecoded") > 10);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received(petitioner, "framesDecoded") > 10);
            assertThat(received(leader, "audioBytes")).isPositive();
            assertThat(received(petitioner, "audioBytes")).isPositive();
            assertThat(leader.driver().executeScript("return window.lx.errors")).asList().isEmpty();
            assertThat(petitioner.driver().executeScript("return window.lx.errors")).asList().isEmpty();
            await().atMost(10, TimeUnit.SECONDS).until(() -> state(id).equals("IN_SESSION"));
            // issue 14: where the room's media is, for an instance taking it over: both publishers and both
            // subscribers on the Janus room, in this instance's Janus session
            var records = new org.lianxin.web.cluster.RoomMediaRecords(dataSource);
            await().atMost(10, TimeUnit.SECONDS).until(() -> records.load(roomId)
                    .map(m -> m.endpoints().size() == 4).orElse(false));
            String leaderId = records.load(roomId).orElseThrow().endpoints().stream()
                    .map(org.lianxin.web.cluster.RoomMedia.Endpoint::participantId)
                    .filter(p -> !p.equals("petitioner")).findFirst().orElseThrow(); // the leader's id (official-…)
            assertThat(records.load(roomId).orElseThrow().endpoints())
                    .extracting(e -> e.participantId() + " " + e.role() + " " + e.subscribedTo())
                    .containsExactlyInAnyOrder(leaderId + " PUBLISHER []", "petitioner PUBLISHER []",
                            leaderId + " SUBSCRIBER [petitioner]", "petitioner SUBSCRIBER [" + leaderId + "]");

            // server-side mute of the petitioner's video: Janus stops relaying it (the browser still sends)
            leader.driver().executeScript("window.mute('petitioner', 'video', true)");
            // acknowledged: the room tells the host; carried out: the room's media operations (the mute
            // on Janus) have run; taken effect: the frames Janus relayed before it are all decoded
            await("the host is told of the mute").atMost(10, TimeUnit.SECONDS)
                    .until(() -> mutes(leader).contains("petitioner video true"));
            rooms.mediaIdle(roomId).get(10, TimeUnit.SECONDS);
            CounterWaits.awaitUnchangedFor("frames decoded by the host (video muted)",
                    () -> received(leader, "framesDecoded"), Duration.ofMillis(500), Duration.ofSeconds(10));
            long atMute = received(leader, "framesDecoded");
            long audioAtMute = received(leader, "audioBytes");
            // the span the assertion is about (a measurement, not a wait): for 1.5 s at most 5 frames get through
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(received(leader, "framesDecoded") - atMute)
                            .as("frames decoded while muted").isLessThanOrEqualTo(5));
            assertThat(received(leader, "audioBytes")).as("audio goes on").isGreaterThan(audioAtMute);
            leader.driver().executeScript("window.mute('petitioner', 'video', false)");
            long atUnmute = received(leader, "framesDecoded");
            await().atMost(10, TimeUnit.SECONDS).until(() -> received(leader, "framesDecoded") > atUnmute + 10);

            leader.driver().executeScript("window.end()");
            await().atMost(10, TimeUnit.SECONDS).until(() -> state(id).equals("COMPLETED"));
            await().atMost(10, TimeUnit.SECONDS).until(() -> records.load(roomId).isEmpty());
        } finally {
            pages.stop(0);
        }
    }

    private static boolean lx(ChromiumBrowser b, String field) {
        return Boolean.TRUE.equals(b.driver().executeScript("return window.lx && window.lx." + field));
    }

    private static Object field(ChromiumBrowser b, String field) {
        return b.driver().executeScript("return window.lx && window.lx." + field);
    }

    /** The mutes the page was told of, as "participant kind muted". */
    @SuppressWarnings("unchecked")
    private static List<String> mutes(ChromiumBrowser b) {
        return (List<String>) b.driver().executeScript("return window.lx ? window.lx.muted : []");
    }

    @SuppressWarnings("unchecked")
    private static long received(ChromiumBrowser b, String what) {
        Object r = b.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.received().then(done, e => done(null));");
        return r == null ? 0 : ((Number) ((Map<String, Object>) r).get(what)).longValue();
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    /** The demo county leader with windows every day, a terminal and a case in 锦江区, and the first free slot after 10:00. */
    Slot fixture() {
        return ReceptionFixture.prepare(port, PASSWORD, DAY);
    }

    long book(Slot f) {
        return ReceptionFixture.book(port, PASSWORD, f, f.start());
    }

    String state(long bookingId) {
        return ok(get("/api/v1/bookings/" + bookingId, ADMIN)).path("state").asString();
    }

    // ------------------------------------------------------------------------------------------------ http

    static String basic(String user) {
        return LiveHttp.basic(user, PASSWORD);
    }

    Resp get(String path, String auth) {
        return LiveHttp.send(http, port, "GET", path, auth, null);
    }

    Resp post(String path, String auth, String json) {
        return LiveHttp.send(http, port, "POST", path, auth, json);
    }

    Resp send(String method, String path, String auth, String json) {
        return LiveHttp.send(http, port, method, path, auth, json);
    }
}
