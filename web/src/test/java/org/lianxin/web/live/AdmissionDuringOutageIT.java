package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.BookingEvent;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.web.security.SystemActor;
import org.lianxin.web.testing.JanusHostApp;
import org.lianxin.web.testing.LobbyPair;
import org.lianxin.web.testing.ReceptionFixture;
import org.lianxin.web.testing.ReceptionFixture.Slot;
import org.lianxin.web.testing.WsClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An admission while the database is away is refused, not half-done (issue 14): the whole server on a PostgreSQL
 * database of its own, with a real Janus. The leader and the petitioner are in the room (the petitioner in the lobby)
 * when the database goes away — no new connection allowed, every open one ended, as PostgreSQL's stop looks to the
 * application. The leader's admit is answered {@code ROOM_ADMISSION_NOT_RECORDED} (316) and the petitioner keeps
 * waiting; the booking is still CHECKED_IN once the database is back (no half-written session), and the same admit then
 * goes through: the booking IN_SESSION, and COMPLETED when the leader ends. Before the admission wrote the booking
 * first, the room admitted the petitioner while the booking could not be written, and the booking never left
 * CHECKED_IN.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + AdmissionDuringOutageIT.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.signaling.token-secret=bGl2ZS1pdC10b2tlbi1zZWNyZXQtb2YtMzItYnl0ZXMhIQ==",
        "lianxin.signaling.janus-request-timeout=5s",
        // a request waits this long for a connection while the database is away, as in production (5 s there)
        "spring.datasource.hikari.connection-timeout=2000"})
@DirtiesContext
class AdmissionDuringOutageIT extends JanusHostApp {
    static final String PASSWORD = "admission-outage-it-password";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY = LocalDate.now(SHANGHAI).plusDays(5);
    static final MutableClock CLOCK = new MutableClock(DAY.atTime(7, 0).atZone(SHANGHAI).toInstant());
    static final TestDatabases.Jdbc DB = TestDatabases.postgresUrl("admission_outage");
    static final String DB_NAME = DB.url().substring(DB.url().lastIndexOf('/') + 1).replaceFirst("\\?.*", "");

    @LocalServerPort
    int port;
    @Autowired
    Bookings bookings;
    @Autowired
    SystemActor system;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::url);
        r.add("spring.datasource.username", DB::user);
        r.add("spring.datasource.password", DB::password);
    }

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock admissionOutageItClock() {
            return CLOCK;
        }
    }

    @Test
    void anAdmissionWhileTheDatabaseIsAwayIsRefusedAndThePetitionerAdmittedOnceItIsBack() throws Exception {
        Slot f = ReceptionFixture.prepare(port, PASSWORD, DAY);
        long id = ReceptionFixture.book(port, PASSWORD, f, f.start());
        CLOCK.set(f.start().minus(Duration.ofMinutes(10)));
        try (LobbyPair room = LobbyPair.enter(port, PASSWORD, id, f.idNumber())) {
            WsClient leader = room.leader();
            WsClient petitioner = room.petitioner();
            databaseAway(true);
            try {
                leader.send("admit", "a1", "\"participantId\":\"petitioner\"");
                JsonNode refused = leader.error(316);
                assertThat(refused.path("correlation").asString()).isEqualTo("a1");
                leader.send("heartbeat", "h1", ""); // the room goes on; the petitioner still waits
                leader.next("heartbeatAck");
                assertThat(leader.seen()).noneMatch(m -> m.path("type").asString().equals("participantJoined"));
            } finally {
                databaseAway(false);
            }
            await("the database back").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> state(id).equals("CHECKED_IN"));

            room.admit("a2");
            assertThat(petitioner.seen()).filteredOn(m -> m.path("type").asString().equals("admitted")).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> state(id).equals("IN_SESSION"));

            leader.send("end", "e1", "");
            assertThat(petitioner.next("ended").path("reason").asString()).isEqualTo("host");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> state(id).equals("COMPLETED"));
        assertThat(bookings.history(system.get(), id)).extracting(BookingEvent::kind)
                .containsExactly("BOOKED", "CHECKED_IN", "IN_SESSION", "COMPLETED");
    }

    /** The database as a stopped PostgreSQL looks to the application: no new connection, every open one ended. */
    static void databaseAway(boolean away) throws SQLException {
        try (Connection admin = DriverManager.getConnection(System.getenv(TestDatabases.URL_ENV), DB.user(),
                DB.password()); Statement s = admin.createStatement()) {
            s.execute("alter database " + DB_NAME + " allow_connections " + !away);
            if (away) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DB_NAME + "'");
            }
        }
    }

    String state(long bookingId) {
        return ReceptionFixture.state(port, PASSWORD, bookingId);
    }
}
