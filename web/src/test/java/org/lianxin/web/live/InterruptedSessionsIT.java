package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lianxin.web.testing.LiveHttp.ok;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.BookingEvent;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.web.testing.LiveHttp.Resp;
import org.lianxin.web.security.SystemActor;
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
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * A booking a crash left IN_SESSION ends as INTERRUPTED after its slot and the reconnect grace when nobody continues
 * it ({@code reception.InterruptedSessions}, sweeping as often as the grace: 2 s here), while a session whose room
 * is open and live runs on past its slot untouched and ends COMPLETED with its room. The whole server, a real Janus,
 * a {@link MutableClock} the test moves; a booking left by a crash is made as the next run of the server finds it:
 * IN_SESSION in the database, its room held by no one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + InterruptedSessionsIT.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.signaling.token-secret=bGl2ZS1pdC10b2tlbi1zZWNyZXQtb2YtMzItYnl0ZXMhIQ==",
        "lianxin.signaling.janus-request-timeout=5s",
        "lianxin.signaling.reconnect-grace=2s"})
@DirtiesContext
class InterruptedSessionsIT extends JanusApp {
    static final String PASSWORD = "interrupted-sessions-it-password";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Duration GRACE = Duration.ofSeconds(2);
    static final String ADMIN = LiveHttp.basic("sc.admin", PASSWORD);
    static final String JINJIANG = LiveHttp.basic("jinjiang.scheduler", PASSWORD);
    static final String LEADER = LiveHttp.basic("jinjiang.leader", PASSWORD);
    static final LocalDate FIRST_DAY = LocalDate.now(SHANGHAI).plusDays(9);
    static final MutableClock CLOCK = new MutableClock(FIRST_DAY.atTime(7, 0).atZone(SHANGHAI).toInstant());
    static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    Bookings bookings;
    @Autowired
    SystemActor system;

    final HttpClient http = HttpClient.newHttpClient();

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock interruptedSessionsItClock() {
            return CLOCK;
        }
    }

    @Test
    void aBookingLeftInSessionWithNoRoomEndsAsInterruptedOnlyAfterItsSlotAndTheGrace() {
        LocalDate day = FIRST_DAY;
        CLOCK.set(day.atTime(7, 0).atZone(SHANGHAI).toInstant());
        Slot f = fixture(day);
        long id = book(f);
        CLOCK.set(f.start().minus(Duration.ofMinutes(10)));
        ok(post("/api/v1/bookings/" + id + "/check-in", JINJIANG, "{\"idNumber\":\"" + f.idNumber() + "\"}"));
        // as a crash leaves it: IN_SESSION, and no room held by this run of the server
        bookings.startSession(system.get(), id);
        assertThat(state(id)).isEqualTo("IN_SESSION");
        assertThat(rooms.isOpen(RoomSubject.reception(id).roomId())).isFalse();
        Instant end = Instant.parse(ok(get("/api/v1/bookings/" + id, ADMIN)).path("end").asString());

        // within its slot and within the grace after it: left as it is (a sweep every 2 s, watched for 3 sweeps)
        CLOCK.set(end.plus(GRACE).minusSeconds(1));
        await("the booking left IN_SESSION within its grace").during(Duration.ofMillis(6500))
                .atMost(Duration.ofSeconds(10)).until(() -> state(id).equals("IN_SESSION"));

        // past the slot and the grace, nobody came back: INTERRUPTED, the reason in the history
        CLOCK.set(end.plus(GRACE).plusSeconds(1));
        await("the booking ended as interrupted").atMost(Duration.ofSeconds(15))
                .until(() -> state(id).equals("INTERRUPTED"));
        List<BookingEvent> history = bookings.history(system.get(), id);
        assertThat(history).extracting(BookingEvent::kind).containsExactly("BOOKED", "CHECKED_IN", "IN_SESSION",
                "INTERRUPTED");
        assertThat(history.get(3).detail()).contains("nobody continued it");
        assertThat(ok(get("/api/v1/bookings/" + id, ADMIN)).path("cancelReason").isNull()).isTrue();
        LiveHttp.assertProblem(post("/api/v1/bookings/" + id + "/join-token", LEADER, null), 422,
                "booking-not-active");
    }

    @Test
    void aSessionWhoseRoomIsLiveRunsOnPastItsSlotUntouchedAndEndsCompletedWithItsRoom() {
        LocalDate day = FIRST_DAY.plusDays(1);
        CLOCK.set(day.atTime(7, 0).atZone(SHANGHAI).toInstant());
        Slot f = fixture(day);
        long id = book(f);
        String roomId = RoomSubject.reception(id).roomId();
        CLOCK.set(f.start().minus(Duration.ofMinutes(10)));
        Instant end = Instant.parse(ok(get("/api/v1/bookings/" + id, ADMIN)).path("end").asString());

        try (LobbyPair room = LobbyPair.enter(port, PASSWORD, id, f.idNumber())) {
            WsClient leader = room.leader();
            WsClient petitioner = room.petitioner();
            room.admit("a1");
            await().atMost(Duration.ofSeconds(10)).until(() -> state(id).equals("IN_SESSION"));

            // the session runs over its slot by far more than the grace: its room is open and live
            CLOCK.set(end.plus(Duration.ofMinutes(20)));
            await("the live session left IN_SESSION").during(Duration.ofMillis(6500))
                    .atMost(Duration.ofSeconds(10)).until(() -> state(id).equals("IN_SESSION"));
            assertThat(rooms.isOpen(roomId)).isTrue();
            leader.send("heartbeat", "h1", "");
            leader.next("heartbeatAck");

            // its host ends it: COMPLETED, as a session that ran to its end
            leader.send("end", "e1", "");
            assertThat(leader.next("ended").path("reason").asString()).isEqualTo("host");
            assertThat(petitioner.next("ended").path("reason").asString()).isEqualTo("host");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> state(id).equals("COMPLETED"));
        // and stays so through further sweeps
        await().during(Duration.ofMillis(4500)).atMost(Duration.ofSeconds(8)).until(() -> state(id).equals("COMPLETED"));
        assertThat(bookings.history(system.get(), id)).extracting(BookingEvent::kind)
                .containsExactly("BOOKED", "CHECKED_IN", "IN_SESSION", "COMPLETED");
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    /** The demo county leader receiving every day, a terminal and a case in 锦江区, and a free slot after 10:00. */
    Slot fixture(LocalDate day) {
        return ReceptionFixture.prepare(port, PASSWORD, day);
    }

    long book(Slot f) {
        return ReceptionFixture.book(port, PASSWORD, f, f.start());
    }

    String state(long bookingId) {
        return ReceptionFixture.state(port, PASSWORD, bookingId);
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
