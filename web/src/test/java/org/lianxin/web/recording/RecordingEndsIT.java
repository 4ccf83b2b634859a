package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lianxin.web.testing.LiveHttp.json;
import static org.lianxin.web.testing.LiveHttp.ok;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingService;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.testing.MutableClock;
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.security.SystemActor;
import org.lianxin.web.testing.JanusApp;
import org.lianxin.web.testing.LiveHttp;
import org.lianxin.web.testing.LiveHttp.Resp;
import org.lianxin.web.testing.ReceptionFixture;
import org.lianxin.web.testing.WsClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * Every way a session ends finishes its recording: the recording leaves PENDING/RECORDING, its manifest is stored,
 * and the recorder holds nothing more for the room (no capture, no live-composition slot). The whole server with its
 * real recording service (local-folder storage), a real Janus in a network namespace, the signaling WebSocket (JDK
 * client: no media, so a completed recording is EMPTY — the point here is its end), a {@link MutableClock}.
 *
 * <p>Here: a consultation ended by its host in the room, by {@code POST …/end} with the room open and with no room
 * ever opened (recording switched on before anyone joined), and by switching recording off; a reception ended by its
 * host, by its booking cancelled (petitioner in the lobby: a session in progress cannot be cancelled) or marked
 * no-show (host waiting) while the room is open, cancelled while only the kiosk's recording notice opened its
 * recording, and ended as INTERRUPTED by the sweep ({@code reception.InterruptedSessions}) after a crash. Elsewhere: a stop of the server ({@code live.GracefulStopIT}: a reception and two consultations), a crash
 * and restart ({@code RecordingCrashIT}), a reception ended by its host with real media ({@code RecordedReceptionIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + RecordingEndsIT.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.signaling.token-secret=bGl2ZS1pdC10b2tlbi1zZWNyZXQtb2YtMzItYnl0ZXMhIQ==",
        "lianxin.signaling.janus-request-timeout=5s",
        "lianxin.signaling.reconnect-grace=2s",
        "lianxin.recording.compose=false"})
@DirtiesContext
class RecordingEndsIT extends JanusApp {
    static final String PASSWORD = "recording-ends-it-password";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Duration GRACE = Duration.ofSeconds(2);
    static final Duration ENDS_WITHIN = Duration.ofSeconds(20);
    static final String LEADER = LiveHttp.basic("jinjiang.leader", PASSWORD);
    static final String COUNTY_STAFF = LiveHttp.basic("jinjiang.scheduler", PASSWORD);
    static final String ADMIN = LiveHttp.basic("sc.admin", PASSWORD);
    static final LocalDate FIRST_DAY = LocalDate.now(SHANGHAI).plusDays(12);
    static final MutableClock CLOCK = new MutableClock(FIRST_DAY.atTime(7, 0).atZone(SHANGHAI).toInstant());
    static final AtomicInteger DAYS = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    RecordingCatalog catalog;
    @Autowired
    RecordingService recordings;
    @Autowired
    ObjectStore store;
    @Autowired
    Bookings bookings;
    @Autowired
    SystemActor system;

    final HttpClient http = HttpClient.newHttpClient();

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock recordingEndsItClock() {
            return CLOCK;
        }
    }

    // ------------------------------------------------------------------------------------------------ consultations

    @Test
    void aConsultationRecordedFromItsStartEndsWithTheRoomItsHostEnds() throws Exception {
        long id = consultation(true);
        String roomId = RoomSubject.consultation(id).roomId();
        try (WsClient host = hostJoins(id)) {
            Recording recording = awaitRecording("consultation " + id, () -> catalog.ofConsultation(id));
            host.send("end", "e1", "");
            assertThat(host.next("ended").path("reason").asString()).isEqualTo("host");
            assertEnded(recording, roomId, Recording.Status.EMPTY, "HOST");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> consultationState(id).equals("ENDED"));
    }

    @Test
    void aConsultationEndedThroughTheApiWithItsRoomOpenEndsItsRecording() throws Exception {
        long id = consultation(false);
        String roomId = RoomSubject.consultation(id).roomId();
        try (WsClient host = hostJoins(id)) {
            switchRecording(id, true);
            Recording recording = awaitRecording("consultation " + id, () -> catalog.ofConsultation(id));
            ok(post("/api/v1/consultations/" + id + "/end", LEADER, null));
            assertThat(host.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertEnded(recording, roomId, Recording.Status.EMPTY, "SCHEDULE");
        }
    }

    /**
     * The defect: recording on, nobody joined, the consultation ended — the recording stayed RECORDING. (Since issue
     * 14 a switch with no room only opens the recording, PENDING: the instance that opens the room records it.)
     */
    @Test
    void aConsultationEndedBeforeAnyoneJoinedEndsTheRecordingSwitchedOnForIt() {
        long id = consultation(false);
        String roomId = RoomSubject.consultation(id).roomId();
        switchRecording(id, true);
        Recording recording = awaitOpen("consultation " + id, () -> catalog.ofConsultation(id));
        assertThat(recording.status()).isEqualTo(Recording.Status.PENDING);
        assertThat(recordings.isCapturing(roomId)).as("no recorder without the room").isFalse();
        assertThat(rooms.isOpen(roomId)).as("no room was ever opened").isFalse();

        ok(post("/api/v1/consultations/" + id + "/end", LEADER, null));
        assertEnded(recording, roomId, Recording.Status.EMPTY, "SCHEDULE");
    }

    @Test
    void switchingRecordingOffEndsTheRecordingAndOnAgainStartsANewOneThatEndsWithTheConsultation() throws Exception {
        long id = consultation(false);
        String roomId = RoomSubject.consultation(id).roomId();
        switchRecording(id, true);
        Recording first = awaitOpen("consultation " + id, () -> catalog.ofConsultation(id));
        switchRecording(id, false);
        assertEnded(first, roomId, Recording.Status.EMPTY, null);
        assertThat(catalog.timeline(first.id())).extracting(Manifest.TimelineEntry::type).contains("RECORDING_OFF");

        try (WsClient host = hostJoins(id)) {
            switchRecording(id, true);
            Recording second = awaitRecording("consultation " + id + " recorded again",
                    () -> catalog.ofConsultation(id).stream().filter(r -> r.id() != first.id()).toList());
            ok(post("/api/v1/consultations/" + id + "/end", LEADER, null));
            assertThat(host.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertEnded(second, roomId, Recording.Status.EMPTY, "SCHEDULE");
        }
        assertThat(catalog.ofConsultation(id)).as("the consultation's recordings").hasSize(2);
    }

    // ------------------------------------------------------------------------------------------------ receptions

    @Test
    void aReceptionEndsItsRecordingWhenItsHostEndsTheRoom() throws Exception {
        ReceptionFixture f = reception();
        String roomId = RoomSubject.reception(f.bookingId()).roomId();
        try (WsClient leader = hostJoins(f); WsClient petitioner = petitionerAdmitted(f, leader)) {
            Recording recording = awaitRecording("booking " + f.bookingId(), () -> catalog.ofBooking(f.bookingId()));
            leader.send("end", "e1", "");
            assertThat(petitioner.next("ended").path("reason").asString()).isEqualTo("host");
            assertEnded(recording, roomId, Recording.Status.EMPTY, "HOST");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> bookingState(f.bookingId()).equals("COMPLETED"));
    }

    /** A booking in session cannot be cancelled: the petitioner waits in the lobby (the recording is PENDING). */
    @Test
    void aBookingCancelledWhileItsRoomIsOpenEndsTheRecording() throws Exception {
        ReceptionFixture f = reception();
        String roomId = RoomSubject.reception(f.bookingId()).roomId();
        try (WsClient leader = hostJoins(f); WsClient petitioner = petitionerWaiting(f, leader)) {
            Recording recording = awaitOpen("booking " + f.bookingId(), () -> catalog.ofBooking(f.bookingId()));
            ok(post("/api/v1/bookings/" + f.bookingId() + "/cancel", COUNTY_STAFF, "{\"reason\":\"信访人身体不适\"}"));
            assertThat(petitioner.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertEnded(recording, roomId, Recording.Status.EMPTY, "SCHEDULE");
        }
        assertThat(bookingState(f.bookingId())).isEqualTo("CANCELLED");
    }

    @Test
    void aNoShowMarkedWhileTheHostWaitsInTheRoomEndsTheRecording() throws Exception {
        ReceptionFixture f = reception();
        String roomId = RoomSubject.reception(f.bookingId()).roomId();
        try (WsClient leader = hostJoins(f)) {
            // the host's entering opens the reception's recording (PENDING: nobody admitted yet)
            Recording recording = awaitOpen("booking " + f.bookingId(), () -> catalog.ofBooking(f.bookingId()));
            CLOCK.set(f.start().plus(Duration.ofMinutes(5)));
            ok(post("/api/v1/bookings/" + f.bookingId() + "/no-show", COUNTY_STAFF, null));
            assertThat(leader.next("ended").path("reason").asString()).isEqualTo("schedule");
            assertEnded(recording, roomId, Recording.Status.EMPTY, "SCHEDULE");
        }
        assertThat(bookingState(f.bookingId())).isEqualTo("NO_SHOW");
    }

    /** The defect's reception form: only the kiosk's recording notice opened the recording; no room was opened. */
    @Test
    void aBookingCancelledAfterTheRecordingNoticeWithNoRoomOpenEndsTheRecording() {
        ReceptionFixture f = reception();
        String roomId = RoomSubject.reception(f.bookingId()).roomId();
        checkIn(f);
        noticeShown(f);
        Recording recording = awaitOpen("booking " + f.bookingId(), () -> catalog.ofBooking(f.bookingId()));
        assertThat(rooms.isOpen(roomId)).isFalse();

        ok(post("/api/v1/bookings/" + f.bookingId() + "/cancel", COUNTY_STAFF, "{\"reason\":\"信访人改期\"}"));
        assertEnded(recording, roomId, Recording.Status.EMPTY, "SCHEDULE");
        assertThat(catalog.ofBooking(f.bookingId())).as("no other recording made for the booking").hasSize(1);
    }

    /**
     * After a crash the booking is IN_SESSION with no room (the recording the crash cut short is recovered at start:
     * {@code RecordingCrashIT}); the kiosk shows the recording notice again, which opens a recording in this run, and
     * nobody rejoins. The sweep ends the booking INTERRUPTED after its slot and the grace: the recording ends too.
     */
    @Test
    void aBookingTheSweepEndsAsInterruptedAfterACrashEndsTheRecordingOpenedForIt() {
        ReceptionFixture f = reception();
        String roomId = RoomSubject.reception(f.bookingId()).roomId();
        checkIn(f);
        bookings.startSession(system.get(), f.bookingId()); // as a crash leaves it: IN_SESSION, no room
        noticeShown(f);
        Recording recording = awaitOpen("booking " + f.bookingId(), () -> catalog.ofBooking(f.bookingId()));

        Instant end = Instant.parse(ok(get("/api/v1/bookings/" + f.bookingId(), ADMIN)).path("end").asString());
        CLOCK.set(end.plus(GRACE).plusSeconds(1));
        await("the sweep ending booking " + f.bookingId()).atMost(Duration.ofSeconds(15))
                .until(() -> bookingState(f.bookingId()).equals("INTERRUPTED"));
        assertEnded(recording, roomId, Recording.Status.INTERRUPTED, "SCHEDULE");
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** The one recording {@code of} lists, once it is RECORDING (capturing). */
    Recording awaitRecording(String what, Supplier<List<Recording>> of) {
        await("the recording of " + what + " RECORDING").atMost(Duration.ofSeconds(15))
                .until(() -> of.get().size() == 1 && of.get().get(0).status() == Recording.Status.RECORDING);
        return of.get().get(0);
    }

    /** The one recording {@code of} lists, once it exists (PENDING or RECORDING). */
    Recording awaitOpen(String what, Supplier<List<Recording>> of) {
        await("a recording of " + what).atMost(Duration.ofSeconds(15))
                .until(() -> of.get().size() == 1 && !of.get().get(0).ended());
        return of.get().get(0);
    }

    /**
     * The recording ends as {@code status} with its manifest stored, its timeline saying the session ENDED for
     * {@code endedFor} (null: no ENDED entry, e.g. recording switched off) before RECORDING_ENDED, and the recorder
     * holds nothing more for the room.
     */
    void assertEnded(Recording recording, String roomId, Recording.Status status, String endedFor) {
        long id = recording.id();
        Recording ended = await("recording " + id + " of " + roomId + " ended, its manifest stored")
                .atMost(ENDS_WITHIN)
                .until(() -> catalog.find(id).orElseThrow(), r -> r.ended() && r.manifestKey() != null
                        && store.stat(r.manifestKey()).isPresent());
        assertThat(ended.status()).as("status of recording " + id).isEqualTo(status);
        assertThat(ended.endedAt()).isNotNull();
        List<String> timeline = catalog.timeline(id).stream().map(e -> e.type() + (e.detail() == null ? ""
                : " " + e.detail())).toList();
        assertThat(timeline).as("timeline of recording " + id).last().asString().startsWith("RECORDING_ENDED");
        if (endedFor != null) {
            assertThat(timeline).as("timeline of recording " + id).contains("ENDED " + endedFor);
        }
        assertThat(recordings.current(roomId)).as("what the recorder holds for " + roomId).isEmpty();
        assertThat(recordings.isCapturing(roomId)).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    /** A consultation hosted by jinjiang.leader, recorded from its start or not. */
    long consultation(boolean recorded) {
        CLOCK.set(FIRST_DAY.atTime(9, 0).atZone(SHANGHAI).toInstant());
        Resp made = post("/api/v1/consultations", LEADER,
                "{\"title\":\"录像结束测试" + UUID.randomUUID().toString().substring(0, 6) + "\",\"recording\":"
                        + recorded + "}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return json(made).path("id").asLong();
    }

    void switchRecording(long consultationId, boolean on) {
        JsonNode state = ok(LiveHttp.send(http, port, "PUT", "/api/v1/consultations/" + consultationId + "/recording",
                LEADER, "{\"on\":" + on + "}"));
        assertThat(state.path("recording").asBoolean()).isEqualTo(on);
    }

    WsClient hostJoins(long consultationId) {
        return joins(ok(post("/api/v1/consultations/" + consultationId + "/join-token", LEADER, null)));
    }

    /** A booking on a day of its own; the clock 10 minutes before its start. */
    ReceptionFixture reception() {
        LocalDate day = FIRST_DAY.plusDays(1 + DAYS.getAndIncrement());
        CLOCK.set(day.atTime(7, 0).atZone(SHANGHAI).toInstant());
        ReceptionFixture f = ReceptionFixture.book(port, PASSWORD, day);
        CLOCK.set(f.start().minus(Duration.ofMinutes(10)));
        return f;
    }

    void checkIn(ReceptionFixture f) {
        ok(post("/api/v1/bookings/" + f.bookingId() + "/check-in", COUNTY_STAFF,
                "{\"idNumber\":\"" + f.idNumber() + "\"}"));
    }

    /** The kiosk showed the petitioner the recording notice (which opens the reception's recording). */
    void noticeShown(ReceptionFixture f) {
        Resp shown = post("/api/v1/bookings/" + f.bookingId() + "/recording-notice", COUNTY_STAFF, null);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(204);
    }

    WsClient hostJoins(ReceptionFixture f) {
        return joins(ok(post("/api/v1/bookings/" + f.bookingId() + "/join-token", LEADER, null)));
    }

    /** The terminal checks in and joins: the petitioner waits in the lobby, the host is told. */
    WsClient petitionerWaiting(ReceptionFixture f, WsClient leader) {
        checkIn(f);
        WsClient petitioner = joins(ok(post("/api/v1/bookings/" + f.bookingId() + "/join-token", COUNTY_STAFF, null)));
        leader.next("participantWaiting");
        return petitioner;
    }

    /** The petitioner waits; the host admits the petitioner (the reception's recording starts). */
    WsClient petitionerAdmitted(ReceptionFixture f, WsClient leader) {
        WsClient petitioner = petitionerWaiting(f, leader);
        leader.send("admit", "a1", "\"participantId\":\"petitioner\"");
        petitioner.next("admitted");
        return petitioner;
    }

    static WsClient joins(JsonNode token) {
        WsClient c = WsClient.connect(URI.create(token.path("wsUrl").asString()));
        c.send("join", "j1", "\"token\":\"" + token.path("token").asString() + "\"");
        c.next("joined");
        return c;
    }

    String bookingState(long bookingId) {
        return ok(get("/api/v1/bookings/" + bookingId, ADMIN)).path("state").asString();
    }

    String consultationState(long consultationId) {
        return ok(get("/api/v1/consultations/" + consultationId, LEADER)).path("state").asString();
    }

    Resp get(String path, String auth) {
        return LiveHttp.send(http, port, "GET", path, auth, null);
    }

    Resp post(String path, String auth, String body) {
        return LiveHttp.send(http, port, "POST", path, auth, body);
    }
}
