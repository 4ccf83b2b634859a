package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lianxin.web.testing.LiveHttp.assertProblem;
import static org.lianxin.web.testing.LiveHttp.json;
import static org.lianxin.web.testing.LiveHttp.ok;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.lianxin.web.testing.LiveHttp.Resp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.ConsultationState;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.testing.IdNumbers;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.web.security.UserAccounts;
import org.lianxin.web.testing.WsClient;
import org.lianxin.web.testing.JanusApp;
import org.lianxin.web.testing.LiveHttp;
import org.lianxin.web.testing.LobbyPair;
import org.lianxin.web.testing.ReceptionFixture;
import org.lianxin.web.testing.ReceptionFixture.Slot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * Room lifecycles through the whole server, as {@link LiveRoomIT} runs it (REST, the signaling
 * WebSocket with the JDK client, a real Janus in a network namespace, a {@link MutableClock}, a
 * fresh H2): remote consultations among officials of different cities, rooms ended by the schedule
 * (a cancelled booking, an ended consultation — through REST or the scheduler's API) and by their host, the lobby's wait while the host
 * is still in the previous session, and an official invited while the session runs. Each test
 * books on a day of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + LiveLifecycleIT.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.signaling.token-secret=" + LiveLifecycleIT.TOKEN_SECRET,
        "lianxin.signaling.janus-request-timeout=5s"})
@DirtiesContext
class LiveLifecycleIT extends JanusApp {
    static final String PASSWORD = "live-lifecycle-it-password";
    static final String TOKEN_SECRET = "bGl2ZS1pdC10b2tlbi1zZWNyZXQtb2YtMzItYnl0ZXMhIQ==";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String ADMIN = basic("sc.admin");
    static final String PROVINCE_LEADER = basic("sc.leader");
    static final String CITY_LEADER = basic("cd.leader");
    static final String CITY_STAFF = basic("cd.scheduler");
    static final String HOUSING = basic("cd.housing");
    static final String JINJIANG = basic("jinjiang.scheduler");
    static final String LEADER = basic("jinjiang.leader");
    /** Created by the test: the leader of 涪城区, a county of another city (绵阳). */
    static final String FUCHENG_LEADER = basic("fucheng.leader");

    static final LocalDate FIRST_DAY = LocalDate.now(SHANGHAI).plusDays(5);
    static final MutableClock CLOCK = new MutableClock(FIRST_DAY.atTime(7, 0).atZone(SHANGHAI).toInstant());
    static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts users;
    @Autowired
    DataSource dataSource;
    @Autowired
    Bookings bookings;
    @Autowired
    Consultations consultations;
    @Autowired
    Offices offices;

    final HttpClient http = HttpClient.newHttpClient();

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock liveLifecycleItClock() {
            return CLOCK;
        }
    }

    @BeforeEach
    void setUp() {
        if (users.find("fucheng.leader").isEmpty()) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            long office = jdbc.sql("select id from office where code = '510703'").query(Long.class).single();
            long official = jdbc.sql("select min(id) from official where office_id = ? and kind = 'LEADER'")
                    .param(office).query(Long.class).single();
            users.create("fucheng.leader", PASSWORD, "涪城区信访局局长", org.lianxin.scheduler.Role.LEADER, office, official);
        }
    }

    // ------------------------------------------------------------------------------------------------ consultations

    @Test
    void aCityLeaderConsultsAnotherCitysCountyLeaderAndEndingTheConsultationClosesTheRoom() throws Exception {
        CLOCK.set(FIRST_DAY.atTime(9, 0).atZone(SHANGHAI).toInstant());
        long caseId = newCase();
        long fuchengOfficial = ok(get("/api/v1/me", FUCHENG_LEADER)).path("officialId").asLong();
        Resp opened = post("/api/v1/consultations", CITY_LEADER,
                "{\"title\":\"拆迁补偿跨市会商\",\"caseId\":" + caseId + ",\"recording\":false}");
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        long id = json(opened).path("id").asLong();
        String roomId = "consultation-" + id;
        assertThat(json(opened).path("state").asString()).isEqualTo("OPEN");
        assertThat(rooms.isOpen(roomId)).as("the room opens on the first token, not before").isFalse();

        JsonNode invited = ok(post("/api/v1/consultations/" + id + "/invitations", CITY_LEADER,
                "{\"officialId\":" + fuchengOfficial + "}"));
        assertThat(invited.path("participants").get(0).path("officialId").asLong()).isEqualTo(fuchengOfficial);
        assertThat(ok(get("/api/v1/consultations", FUCHENG_LEADER)).findValuesAsString("title"))
                .contains("拆迁补偿跨市会商");
        assertThat(ok(get("/api/v1/consultations/" + id, FUCHENG_LEADER)).path("hostName").asString()).isNotBlank();
        // only the host invites; unknown officials are not found
        assertProblem(post("/api/v1/consultations/" + id + "/invitations", FUCHENG_LEADER,
                "{\"officialId\":" + fuchengOfficial + "}"), 403, "not-consultation-host");
        assertProblem(post("/api/v1/consultations/" + id + "/invitations", CITY_LEADER, "{\"officialId\":999999}"),
                404, "official-not-found");

        // roles: HOST and OFFICIAL; no one else gets a token, and no token of the petitioner's role exists
        JsonNode host = ok(post("/api/v1/consultations/" + id + "/join-token", CITY_LEADER, null));
        JsonNode guest = ok(post("/api/v1/consultations/" + id + "/join-token", FUCHENG_LEADER, null));
        assertThat(host.path("role").asString()).isEqualTo("HOST");
        assertThat(guest.path("role").asString()).isEqualTo("OFFICIAL");
        assertThat(host.path("roomId").asString()).isEqualTo(roomId);
        assertThat(host.path("expiresAt").asString()).isNotBlank();
        assertThat(rooms.isOpen(roomId)).isTrue();
        assertProblem(post("/api/v1/consultations/" + id + "/join-token", PROVINCE_LEADER, null), 403,
                "not-consultation-participant"); // sees it (above the host), not invited
        assertProblem(post("/api/v1/consultations/" + id + "/join-token", CITY_STAFF, null), 403,
                "not-consultation-participant"); // the city's staff: no terminal, no petitioner here
        assertProblem(post("/api/v1/consultations/" + id + "/join-token", HOUSING, null), 404,
                "consultation-not-found"); // outside: does not even see it

        URI ws = URI.create(host.path("wsUrl").asString());
        try (WsClient leader = WsClient.connect(ws); WsClient county = WsClient.connect(ws);
             WsClient forged = WsClient.connect(ws)) {
            leader.send("join", "j1", "\"token\":\"" + host.path("token").asString() + "\"");
            JsonNode joined = leader.next("joined");
            assertThat(joined.path("you").path("role").asString()).isEqualTo("host");
            assertThat(joined.path("lobby").isNull()).isTrue();
            county.send("join", "j2", "\"token\":\"" + guest.path("token").asString() + "\"");
            JsonNode in = county.next("joined");
            assertThat(in.path("you").path("role").asString()).isEqualTo("official");
            assertThat(in.path("lobby").isNull()).as("officials need no admission").isTrue();
            assertThat(in.path("participants").findValuesAsString("id"))
                    .contains("official-" + ok(get("/api/v1/me", CITY_LEADER)).path("officialId").asLong());
            assertThat(leader.next("participantJoined").path("participant").path("id").asString())
                    .isEqualTo("official-" + fuchengOfficial);

            // even a validly signed petitioner token is refused by a consultation room
            JoinTokens ours = new JoinTokens(Base64.getDecoder().decode(TOKEN_SECRET), CLOCK);
            String petitioner = ours.issue(new JoinGrant(SessionRef.consultation(Long.toString(id)), roomId,
                    Role.PETITIONER, "petitioner", "x"));
            forged.send("join", "f1", "\"token\":\"" + petitioner + "\"");
            forged.error(307);

            // the host ends the consultation through the API: the room ends for everyone
            JsonNode ended = ok(post("/api/v1/consultations/" + id + "/end", CITY_LEADER, null));
            assertThat(ended.path("state").asString()).isEqualTo("ENDED");
            assertThat(leader.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertThat(county.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertThat(leader.awaitClosed()).isEqualTo(1000);
            assertThat(county.awaitClosed()).isEqualTo(1000);
        }
        await().atMost(15, TimeUnit.SECONDS).until(() -> !rooms.isOpen(roomId));
        assertThat(ok(get("/api/v1/consultations/" + id, CITY_LEADER)).path("state").asString()).isEqualTo("ENDED");
        assertProblem(post("/api/v1/consultations/" + id + "/join-token", CITY_LEADER, null), 422, "consultation-ended");
    }

    @Test
    void theHostEndingTheConsultationRoomEndsTheConsultation() throws Exception {
        CLOCK.set(FIRST_DAY.atTime(9, 0).atZone(SHANGHAI).toInstant());
        long fuchengOfficial = ok(get("/api/v1/me", FUCHENG_LEADER)).path("officialId").asLong();
        long id = json(post("/api/v1/consultations", CITY_LEADER, "{\"title\":\"工资拖欠会商\"}")).path("id").asLong();
        ok(post("/api/v1/consultations/" + id + "/invitations", CITY_LEADER, "{\"officialId\":" + fuchengOfficial + "}"));
        JsonNode host = ok(post("/api/v1/consultations/" + id + "/join-token", CITY_LEADER, null));
        JsonNode guest = ok(post("/api/v1/consultations/" + id + "/join-token", FUCHENG_LEADER, null));
        URI ws = URI.create(host.path("wsUrl").asString());
        try (WsClient leader = WsClient.connect(ws); WsClient county = WsClient.connect(ws)) {
            leader.send("join", "j1", "\"token\":\"" + host.path("token").asString() + "\"");
            leader.next("joined");
            county.send("join", "j2", "\"token\":\"" + guest.path("token").asString() + "\"");
            county.next("joined");
            county.send("end", "e0", "");
            county.error(302); // an invitee may not end it
            leader.send("end", "e1", "");
            assertThat(county.next("ended").path("reason").asString()).isEqualTo("host");
            assertThat(leader.next("ended").path("reason").asString()).isEqualTo("host");
        }
        await().atMost(10, TimeUnit.SECONDS).until(() ->
                ok(get("/api/v1/consultations/" + id, CITY_LEADER)).path("state").asString().equals("ENDED"));
    }

    // ------------------------------------------------------------------------------------------------ bookings

    @Test
    void cancellingABookingEndsItsLiveRoomForEveryone() throws Exception {
        Slot f = fixture(FIRST_DAY.plusDays(1));
        long id = book(f, f.start());
        CLOCK.set(f.start().minus(Duration.ofMinutes(10)));
        try (LobbyPair room = LobbyPair.enter(port, PASSWORD, id, f.idNumber())) {
            WsClient leader = room.leader();
            WsClient petitioner = room.petitioner();

            JsonNode cancelled = ok(post("/api/v1/bookings/" + id + "/cancel", JINJIANG, "{\"reason\":\"信访人改期\"}"));
            assertThat(cancelled.path("state").asString()).isEqualTo("CANCELLED");
            assertThat(leader.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertThat(petitioner.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertThat(leader.awaitClosed()).isEqualTo(1000);
            assertThat(petitioner.awaitClosed()).isEqualTo(1000);
        }
        await().atMost(15, TimeUnit.SECONDS).until(() -> !rooms.isOpen("booking-" + id));
        assertThat(state(id)).isEqualTo("CANCELLED");
    }

    @Test
    void markingANoShowEndsTheRoomTheHostWaitsIn() throws Exception {
        Slot f = fixture(FIRST_DAY.plusDays(4));
        long id = book(f, f.start());
        CLOCK.set(f.start().minus(Duration.ofMinutes(10)));
        JsonNode host = ok(post("/api/v1/bookings/" + id + "/join-token", LEADER, null));
        try (WsClient leader = WsClient.connect(URI.create(host.path("wsUrl").asString()))) {
            leader.send("join", "j1", "\"token\":\"" + host.path("token").asString() + "\"");
            leader.next("joined");
            CLOCK.set(f.start().plus(Duration.ofMinutes(5)));
            assertThat(ok(post("/api/v1/bookings/" + id + "/no-show", JINJIANG, null)).path("state").asString())
                    .isEqualTo("NO_SHOW");
            assertThat(leader.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertThat(leader.awaitClosed()).isEqualTo(1000);
        }
        await().atMost(15, TimeUnit.SECONDS).until(() -> !rooms.isOpen("booking-" + id));
    }

    @Test
    void aCancellationThroughTheSchedulerApiNotTheRestControllerEndsTheRoom() throws Exception {
        Slot f = fixture(FIRST_DAY.plusDays(5));
        long id = book(f, f.start());
        CLOCK.set(f.start().minus(Duration.ofMinutes(10)));
        JsonNode host = ok(post("/api/v1/bookings/" + id + "/join-token", LEADER, null));
        try (WsClient leader = WsClient.connect(URI.create(host.path("wsUrl").asString()))) {
            leader.send("join", "j1", "\"token\":\"" + host.path("token").asString() + "\"");
            leader.next("joined");
            // a path other than REST (a job, the system actor): the scheduler tells the closing itself
            Booking cancelled = bookings.cancel(systemActor(), id, "信访人已撤回");
            assertThat(cancelled.state()).isEqualTo(BookingState.CANCELLED);
            assertThat(leader.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertThat(leader.awaitClosed()).isEqualTo(1000);
        }
        await().atMost(15, TimeUnit.SECONDS).until(() -> !rooms.isOpen("booking-" + id));
    }

    @Test
    void aConsultationEndedThroughTheSchedulerApiNotTheRestControllerEndsTheRoom() throws Exception {
        CLOCK.set(FIRST_DAY.atTime(9, 0).atZone(SHANGHAI).toInstant());
        long id = json(post("/api/v1/consultations", CITY_LEADER, "{\"title\":\"系统结束的会商\"}")).path("id")
                .asLong();
        JsonNode host = ok(post("/api/v1/consultations/" + id + "/join-token", CITY_LEADER, null));
        try (WsClient leader = WsClient.connect(URI.create(host.path("wsUrl").asString()))) {
            leader.send("join", "j1", "\"token\":\"" + host.path("token").asString() + "\"");
            leader.next("joined");
            assertThat(consultations.end(systemActor(), id).state()).isEqualTo(ConsultationState.ENDED);
            assertThat(leader.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertThat(leader.awaitClosed()).isEqualTo(1000);
        }
        await().atMost(15, TimeUnit.SECONDS).until(() -> !rooms.isOpen("consultation-" + id));
    }

    @Test
    void aPetitionerWaitingWhileTheHostsPreviousSessionRunsIsToldPositionAndWait() throws Exception {
        Slot f1 = fixture(FIRST_DAY.plusDays(2));
        Slot f2 = fixture(FIRST_DAY.plusDays(2));
        long first = book(f1, f1.start());
        Instant secondStart = f1.start().plus(Duration.ofMinutes(40)); // 30 min session + 10 min buffer
        long second = book(f2, secondStart);

        // the first session runs
        CLOCK.set(f1.start().minus(Duration.ofMinutes(5)));
        ok(post("/api/v1/bookings/" + first + "/check-in", JINJIANG, "{\"idNumber\":\"" + f1.idNumber() + "\"}"));
        JsonNode host = ok(post("/api/v1/bookings/" + first + "/join-token", LEADER, null));
        JsonNode terminal1 = ok(post("/api/v1/bookings/" + first + "/join-token", JINJIANG, null));
        URI ws = URI.create(host.path("wsUrl").asString());
        // the second booking's petitioner joins another room: on a connection its ticket's URL does not bind (?room=)
        URI unbound = URI.create(ws.toString().replaceFirst("\\?.*$", ""));
        try (WsClient leader = WsClient.connect(ws); WsClient petitioner1 = WsClient.connect(ws);
             WsClient petitioner2 = WsClient.connect(unbound)) {
            leader.send("join", "j1", "\"token\":\"" + host.path("token").asString() + "\"");
            leader.next("joined");
            petitioner1.send("join", "j2", "\"token\":\"" + terminal1.path("token").asString() + "\"");
            petitioner1.next("joined");
            leader.send("admit", "a1", "\"participantId\":\"petitioner\"");
            petitioner1.next("admitted");
            await().atMost(10, TimeUnit.SECONDS).until(() -> state(first).equals("IN_SESSION"));

            // 4 minutes before the first session's scheduled end, the next petitioner enters its lobby
            CLOCK.set(f1.start().plus(Duration.ofMinutes(26)));
            ok(post("/api/v1/bookings/" + second + "/check-in", JINJIANG, "{\"idNumber\":\"" + f2.idNumber() + "\"}"));
            JsonNode terminal2 = ok(post("/api/v1/bookings/" + second + "/join-token", JINJIANG, null));
            petitioner2.send("join", "j3", "\"token\":\"" + terminal2.path("token").asString() + "\"");
            JsonNode waiting = petitioner2.next("joined");
            assertThat(waiting.path("lobby").path("position").asInt()).isEqualTo(1);
            JsonNode told = petitioner2.next("lobby");
            assertThat(told.path("position").asInt()).as(told.toString()).isEqualTo(1);
            assertThat(told.path("estimatedWaitSeconds").asLong()).as(told.toString()).isEqualTo(240);

            // the host ends the first session: the waiting petitioner is told the host is free
            leader.send("end", "e1", "");
            leader.next("ended");
            JsonNode free = petitioner2.next("lobby");
            assertThat(free.path("estimatedWaitSeconds").asLong()).as(free.toString()).isZero();
            await().atMost(10, TimeUnit.SECONDS).until(() -> state(first).equals("COMPLETED"));
            assertThat(state(second)).isEqualTo("CHECKED_IN");
        }
    }

    @Test
    void anOfficialInvitedWhileTheSessionRunsGetsATokenAndJoinsAtOnce() throws Exception {
        Slot f = fixture(FIRST_DAY.plusDays(3));
        long housingOfficial = ok(get("/api/v1/me", HOUSING)).path("officialId").asLong();
        everyDay(housingOfficial);
        long id = book(f, f.start());
        CLOCK.set(f.start().minus(Duration.ofMinutes(2)));
        ok(post("/api/v1/bookings/" + id + "/check-in", JINJIANG, "{\"idNumber\":\"" + f.idNumber() + "\"}"));
        JsonNode host = ok(post("/api/v1/bookings/" + id + "/join-token", LEADER, null));
        JsonNode terminal = ok(post("/api/v1/bookings/" + id + "/join-token", JINJIANG, null));
        Resp before = post("/api/v1/bookings/" + id + "/join-token", HOUSING, null);
        assertThat(before.status()).as("not invited yet: " + before).isIn(403, 404);
        URI ws = URI.create(host.path("wsUrl").asString());
        try (WsClient leader = WsClient.connect(ws); WsClient petitioner = WsClient.connect(ws);
             WsClient department = WsClient.connect(ws)) {
            leader.send("join", "j1", "\"token\":\"" + host.path("token").asString() + "\"");
            leader.next("joined");
            petitioner.send("join", "j2", "\"token\":\"" + terminal.path("token").asString() + "\"");
            petitioner.next("joined");
            leader.send("admit", "a1", "\"participantId\":\"petitioner\"");
            petitioner.next("admitted");
            assertThat(leader.next("participantJoined").path("participant").path("id").asString()).isEqualTo("petitioner");
            await().atMost(10, TimeUnit.SECONDS).until(() -> state(id).equals("IN_SESSION"));

            // the host invites the housing department during the session
            CLOCK.set(f.start().plus(Duration.ofMinutes(5)));
            JsonNode invited = ok(post("/api/v1/bookings/" + id + "/invitations", LEADER,
                    "{\"officialId\":" + housingOfficial + "}"));
            assertThat(invited.path("invitations").get(0).path("state").asString()).isEqualTo("PENDING");
            JsonNode official = ok(post("/api/v1/bookings/" + id + "/join-token", HOUSING, null));
            assertThat(official.path("role").asString()).isEqualTo("OFFICIAL");
            assertThat(official.path("roomId").asString()).isEqualTo("booking-" + id);
            department.send("join", "j3", "\"token\":\"" + official.path("token").asString() + "\"");
            JsonNode in = department.next("joined");
            assertThat(in.path("you").path("role").asString()).isEqualTo("official");
            assertThat(in.path("lobby").isNull()).as("no admission for an official").isTrue();
            assertThat(in.path("participants").findValuesAsString("id")).contains("petitioner");
            assertThat(leader.next("participantJoined").path("participant").path("id").asString())
                    .isEqualTo("official-" + housingOfficial);
            assertThat(petitioner.next("participantJoined").path("participant").path("id").asString())
                    .isEqualTo("official-" + housingOfficial);
            leader.send("end", "e1", "");
            assertThat(department.next("ended").path("reason").asString()).isEqualTo("host");
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> state(id).equals("COMPLETED"));
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    void everyDay(long official) {
        ReceptionFixture.receivingEveryDay(port, PASSWORD, official);
    }

    long newCaseWithId(String idNumber) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "LIFE-" + tag);
        c.put("petitionerName", "王测试");
        c.put("idNumber", idNumber);
        c.put("phone", "13800001234");
        c.put("subject", "拆迁补偿");
        c.put("category", "城乡建设");
        c.put("officeCode", "510104");
        return ok(post("/api/v1/cases", JINJIANG, WsClient.JSON.writeValueAsString(c))).path("id").asLong();
    }

    long newCase() {
        return newCaseWithId(IdNumbers.valid("510104", 6000 + SEQ.incrementAndGet()));
    }

    /** The demo county leader with windows every day, a new terminal and case in 锦江区, the first free slot after 10:00 of {@code day}. */
    Slot fixture(LocalDate day) {
        CLOCK.set(day.atTime(7, 0).atZone(SHANGHAI).toInstant()); // tests run in any order, each on its day
        return ReceptionFixture.prepare(port, PASSWORD, day);
    }

    long book(Slot f, Instant start) {
        return ReceptionFixture.book(port, PASSWORD, f, start);
    }

    /** The unrestricted actor at the root of the office tree, as a job or the live rooms act. */
    Actor systemActor() {
        return Actor.system(offices.all().stream().filter(o -> o.parentId() == null).findFirst().orElseThrow().id());
    }

    String state(long bookingId) {
        return ReceptionFixture.state(port, PASSWORD, bookingId);
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
