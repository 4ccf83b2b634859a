package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A reception that can be checked in now, made through the REST API (HTTP Basic): a fresh 锦江区 leader who receives
 * every day all day in 5-minute slots, a fresh reception room, a fresh case with a known valid ID number, and a
 * booking of the next free slot (within 15 minutes, so check-in is open), optionally with a department official
 * invited.
 */
public record LiveFixture(long bookingId, String code, String caseNumber, String idNumber, String leaderName,
                   String inviteeUsername, String inviteeName, Instant start) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A valid ID number (GB 11643 check digit) that is not the case's. */
    String otherValidIdNumber() {
        String other;
        do {
            other = IdNumbers.valid("510104", ThreadLocalRandom.current().nextInt(1, 14000));
        } while (other.equals(idNumber));
        return other;
    }

    /** A booking with no invitation. */
    static LiveFixture create(String baseUrl, String password) {
        return create(baseUrl, password, false);
    }

    /** A booking; with {@code inviteHousing}, 成都市住建局's official (user cd.housing) is invited. */
    static LiveFixture create(String baseUrl, String password, boolean inviteHousing) {
        return create(baseUrl, password, inviteHousing, null);
    }

    /**
     * A booking hosted by the demo leader who logs in as {@code leaderUser} (e.g. jinjiang.leader), whose calendar is
     * first reshaped to every day all day in 5-minute slots, so that the leader can open the console and host.
     */
    public static LiveFixture createForDemoLeader(String baseUrl, String password, String leaderUser) {
        return create(baseUrl, password, false, leaderUser);
    }

    /**
     * A booking hosted by the demo leader {@code leaderUser} (calendar reshaped as in
     * {@link #createForDemoLeader}) with 成都市住建局's official (user cd.housing) invited: a joint reception.
     */
    static LiveFixture createForDemoLeaderWithHousing(String baseUrl, String password, String leaderUser) {
        return create(baseUrl, password, true, leaderUser);
    }

    private static LiveFixture create(String baseUrl, String password, boolean inviteHousing, String leaderUser) {
        Api admin = new Api(baseUrl, "sc.admin", password);
        Api county = new Api(baseUrl, "jinjiang.scheduler", password);
        Api invitee = new Api(baseUrl, "cd.housing", password);
        String tag = UUID.randomUUID().toString().substring(0, 8);

        long jinjiang = -1;
        for (JsonNode o : county.call("GET", "/api/v1/offices", null)) {
            if (o.path("code").asString().equals("510104")) jinjiang = o.path("id").asLong();
        }
        assertThat(jinjiang).as("锦江区 in the demo offices").isPositive();

        List<Map<String, String>> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) windows.add(Map.of("day", d.name(), "start", "00:00", "end", "23:59"));
        Map<String, Object> official = new LinkedHashMap<>();
        official.put("officeId", jinjiang);
        official.put("name", "页面测试领导" + tag);
        official.put("title", "副区长");
        official.put("kind", "LEADER");
        official.put("slotMinutes", 5);
        official.put("bufferMinutes", 0);
        official.put("maxSessionsPerDay", 48);
        official.put("windows", windows);
        JsonNode leader;
        if (leaderUser == null) {
            leader = admin.call("POST", "/api/v1/officials", official);
        } else {
            long id = new Api(baseUrl, leaderUser, password).call("GET", "/api/v1/me", null).path("officialId").asLong();
            admin.call("PUT", "/api/v1/officials/" + id + "/windows", windows);
            admin.call("PUT", "/api/v1/officials/" + id + "/settings",
                    Map.of("slotMinutes", 5, "bufferMinutes", 0, "maxSessionsPerDay", 48));
            leader = admin.call("GET", "/api/v1/officials/" + id, null);
        }

        JsonNode terminal = admin.call("POST", "/api/v1/terminals",
                Map.of("officeId", jinjiang, "name", "测试接访室" + tag, "location", "一楼"));

        String idNumber = IdNumbers.valid("510104", ThreadLocalRandom.current().nextInt(1, 14000));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("caseNumber", "PAGE-" + tag);
        c.put("petitionerName", "李测试");
        c.put("idNumber", idNumber);
        c.put("phone", "13800005678");
        c.put("subject", "工资拖欠");
        c.put("category", "劳动社保");
        c.put("officeCode", "510104");
        JsonNode kase = county.call("POST", "/api/v1/cases", c);

        LocalDate today = LocalDate.now(SHANGHAI);
        JsonNode slots = county.call("GET", "/api/v1/officials/" + leader.path("id").asLong() + "/free-slots?from="
                + today + "&to=" + today.plusDays(1) + "&terminalId=" + terminal.path("id").asLong(), null);
        assertThat(slots.size()).as("free slots of the all-day leader").isPositive();
        JsonNode housing = invitee.call("GET", "/api/v1/me", null);
        // the first slot that check-in is open for and (when invited) the department official is free at
        Instant checkInOpen = Instant.now().plus(Duration.ofMinutes(15));
        JsonNode b = null;
        Instant start = null;
        for (JsonNode slot : slots) {
            start = Instant.parse(slot.path("start").asString());
            assertThat(start).as("a free slot that opens check-in").isBefore(checkInOpen);
            Map<String, Object> booking = new LinkedHashMap<>();
            booking.put("officialId", leader.path("id").asLong());
            booking.put("terminalId", terminal.path("id").asLong());
            booking.put("caseId", kase.path("id").asLong());
            booking.put("start", start.toString());
            if (inviteHousing) booking.put("inviteeIds", List.of(housing.path("officialId").asLong()));
            Reply r = county.send("POST", "/api/v1/bookings", booking);
            if (r.status() == 409 && r.json().path("rule").asString().equals("invitee-busy")) continue;
            // a slot starting this very moment may have begun between the search and the booking
            if (r.status() == 422 && r.json().path("rule").asString().equals("in-past")) continue;
            assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
            b = r.json();
            break;
        }
        assertThat(b).as("a booking within 15 minutes").isNotNull();
        String inviteeName = inviteHousing ? b.path("invitations").get(0).path("officialName").asString() : null;
        return new LiveFixture(b.path("id").asLong(), b.path("code").asString(), kase.path("caseNumber").asString(),
                idNumber, leader.path("name").asString(), "cd.housing", inviteeName, start);
    }

    /** The booking's state as the county staff see it. */
    public static String state(String baseUrl, String password, long bookingId) {
        return new Api(baseUrl, "jinjiang.scheduler", password).call("GET", "/api/v1/bookings/" + bookingId, null)
                .path("state").asString();
    }

    record Reply(int status, JsonNode json) {
    }

    /** The satisfaction score stored with the booking, or null. */
    static Integer satisfactionScore(String baseUrl, String password, long bookingId) {
        JsonNode score = new Api(baseUrl, "jinjiang.scheduler", password).call("GET", "/api/v1/bookings/" + bookingId,
                null).path("satisfactionScore");
        return score.isNumber() ? score.asInt() : null;
    }

    /** How many officials are invited to the booking. */
    static int invitations(String baseUrl, String password, long bookingId) {
        return new Api(baseUrl, "jinjiang.scheduler", password).call("GET", "/api/v1/bookings/" + bookingId, null)
                .path("invitations").size();
    }

    /** A JSON client with HTTP Basic (no session, so no CSRF token needed). */
    record Api(String base, String user, String password) {
        JsonNode call(String method, String path, Object body) {
            Reply r = send(method, path, body);
            assertThat(r.status()).as(method + " " + path + " as " + user + ": " + r.json()).isBetween(200, 299);
            return r.json();
        }

        Reply send(String method, String path, Object body) {
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
                return new Reply(r.statusCode(), JSON.readTree(r.body().isEmpty() ? "{}" : r.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
