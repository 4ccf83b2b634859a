package org.lianxin.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.lianxin.scheduler.testing.IdNumbers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real reception made through the REST API (HTTP Basic), the way web's LiveFixture does it for the page ITs: the
 * demo leader's calendar is reshaped to every day all day in 5-minute slots, a fresh terminal and case (known valid ID
 * number) are made, the next free slot (check-in open: within 15 minutes) is booked by the county staff, who then
 * check the petitioner in; join tokens come from {@code POST /api/v1/bookings/{id}/join-token}.
 */
final class ReceptionFixture {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Ticket(String token, String roomId, String role, String wsUrl) {
        @Override
        public String toString() {
            return "Ticket[" + roomId + ", " + role + "]";
        }
    }

    private final String base;
    private final String password;
    private final String staff;
    private final long bookingId;
    private final String idNumber;
    private final String code;

    private ReceptionFixture(String base, String password, String staff, long bookingId, String idNumber, String code) {
        this.base = base;
        this.password = password;
        this.staff = staff;
        this.bookingId = bookingId;
        this.idNumber = idNumber;
        this.code = code;
    }

    /** The booking's code (what the kiosk is given, and what the console's rows are marked with). */
    String code() {
        return code;
    }

    long bookingId() {
        return bookingId;
    }

    /** The petitioner's ID number (what the kiosk's identity check is given). */
    String idNumber() {
        return idNumber;
    }

    /** A booking hosted by the demo leader {@code leaderUser}, booked by {@code staffUser} (county staff of 锦江区). */
    static ReceptionFixture create(String base, String password, String leaderUser, String staffUser) {
        Api admin = new Api(base, "sc.admin", password);
        Api county = new Api(base, staffUser, password);
        String tag = UUID.randomUUID().toString().substring(0, 8);

        long jinjiang = -1;
        for (JsonNode o : county.call("GET", "/api/v1/offices", null)) {
            if (o.path("code").asString().equals("510104")) {
                jinjiang = o.path("id").asLong();
            }
        }
        if (jinjiang < 0) {
            throw new IllegalStateException("no 锦江区 (510104) in the demo offices");
        }
        List<Map<String, String>> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            windows.add(Map.of("day", d.name(), "start", "00:00", "end", "23:59"));
        }
        long leaderId = new Api(base, leaderUser, password).call("GET", "/api/v1/me", null).path("officialId").asLong();
        admin.call("PUT", "/api/v1/officials/" + leaderId + "/windows", windows);
        admin.call("PUT", "/api/v1/officials/" + leaderId + "/settings",
                Map.of("slotMinutes", 5, "bufferMinutes", 0, "maxSessionsPerDay", 48));

        JsonNode terminal = admin.call("POST", "/api/v1/terminals",
                Map.of("officeId", jinjiang, "name", "基准接访室" + tag, "location", "一楼"));
        String idNumber = IdNumbers.valid("510104", ThreadLocalRandom.current().nextInt(1, 14000));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "BENCH-" + tag);
        c.put("petitionerName", "李基准");
        c.put("idNumber", idNumber);
        c.put("phone", "13800005678");
        c.put("subject", "工资拖欠");
        c.put("category", "劳动社保");
        c.put("officeCode", "510104");
        JsonNode kase = county.call("POST", "/api/v1/cases", c);

        LocalDate today = LocalDate.now(SHANGHAI);
        JsonNode slots = county.call("GET", "/api/v1/officials/" + leaderId + "/free-slots?from=" + today + "&to="
                + today.plusDays(1) + "&terminalId=" + terminal.path("id").asLong(), null);
        if (slots.isEmpty()) {
            throw new IllegalStateException("the all-day leader has no free slot");
        }
        Instant start = Instant.parse(slots.get(0).path("start").asString());
        if (!start.isBefore(Instant.now().plus(Duration.ofMinutes(15)))) {
            throw new IllegalStateException("the first free slot " + start + " does not open check-in yet");
        }
        Map<String, Object> booking = new LinkedHashMap<>();
        booking.put("officialId", leaderId);
        booking.put("terminalId", terminal.path("id").asLong());
        booking.put("caseId", kase.path("id").asLong());
        booking.put("start", start.toString());
        JsonNode b = county.call("POST", "/api/v1/bookings", booking);
        return new ReceptionFixture(base, password, staffUser, b.path("id").asLong(), idNumber,
                b.path("code").asString());
    }

    /** The county staff check the petitioner in (identity). */
    void checkIn() {
        new Api(base, staff, password).call("POST", "/api/v1/bookings/" + bookingId + "/check-in",
                Map.of("idNumber", idNumber));
    }

    /**
     * The kiosk showed the petitioner the recording notice (the terminal's staff), told to the node at {@code base} —
     * the kiosk page's REST call, which HAProxy may send to any node, not only the room's owner.
     */
    void noticeShown(String base) {
        new Api(base, staff, password).call("POST", "/api/v1/bookings/" + bookingId + "/recording-notice", null);
    }

    /** The booking's state as the county staff see it (e.g. COMPLETED), asked of the node at {@code base}. */
    String state(String base) {
        return new Api(base, staff, password).call("GET", "/api/v1/bookings/" + bookingId, null).path("state")
                .asString();
    }

    /** A join token for {@code user} (the leader hosts; the county staff join for the terminal, as PETITIONER). */
    Ticket joinToken(String user) {
        JsonNode t = new Api(base, user, password).call("POST", "/api/v1/bookings/" + bookingId + "/join-token", null);
        return new Ticket(t.path("token").asString(), t.path("roomId").asString(), t.path("role").asString(),
                t.path("wsUrl").asString());
    }

    /** The raw answer to a join-token request of {@code user} at the node {@code base}: status and body. */
    java.util.Map.Entry<Integer, String> tryJoinToken(String base, String user) {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/bookings/" + bookingId + "/join-token"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", auth).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> a = CLIENT.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return java.util.Map.entry(a.statusCode(), a.body());
        } catch (IOException e) {
            return java.util.Map.entry(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON client with HTTP Basic (no session, so no CSRF token); also the capacity bench's. */
    record Api(String base, String user, String password) {
        JsonNode call(String method, String path, Object body) {
            String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", auth).header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() < 200 || r.statusCode() > 299) {
                    throw new IllegalStateException(method + " " + path + " as " + user + ": " + r.statusCode() + " "
                            + r.body());
                }
                return JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
