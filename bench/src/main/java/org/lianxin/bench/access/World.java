package org.lianxin.bench.access;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * What the demo holds, found through the API as the province's admin before any check: the office tree (id, code,
 * path), and which office each official, terminal, case file and booking belongs to. The checker books two receptions
 * of its own (锦江区 in 成都, 涪城区 in 绵阳), and the province's reviewer orders one supervision item (督办, kind
 * {@code items}) on a case of each, so that bookings and items of two cities exist to be tried.
 */
final class World {
    /** Object kinds whose office is known; the checker's table speaks of these. */
    static final List<String> KINDS = List.of("offices", "officials", "terminals", "cases", "bookings", "items");

    record OfficeRow(long id, String code, String path, String level) {
    }

    private final Map<Long, OfficeRow> offices = new LinkedHashMap<>();
    private final Map<String, OfficeRow> byCode = new HashMap<>();
    /** kind → object id → office id, in the order found. */
    private final Map<String, Map<Long, Long>> owners = new TreeMap<>();
    private final Map<Long, String> bookingCodes = new HashMap<>();
    private final Map<Long, String> caseNumbers = new HashMap<>();

    /** A world of these offices and objects (kind → id → office id), for the checker's own tests. */
    static World of(List<OfficeRow> officeRows, Map<String, Map<Long, Long>> objects) {
        World w = new World();
        for (OfficeRow row : officeRows) {
            w.offices.put(row.id(), row);
            w.byCode.put(row.code(), row);
        }
        objects.forEach((kind, map) -> map.forEach((id, office) -> w.own(kind, id, office)));
        return w;
    }

    static World discover(Http http, Http.Credentials admin, Map<String, Http.Credentials> bookers,
                          Http.Credentials supervisor) {
        World w = new World();
        for (JsonNode o : w.json(http.send("GET", "/api/v1/offices", admin, null), "offices")) {
            OfficeRow row = new OfficeRow(o.path("id").asLong(), o.path("code").asString(), o.path("path").asString(),
                    o.path("level").asString());
            w.offices.put(row.id(), row);
            w.byCode.put(row.code(), row);
            w.own("offices", row.id(), row.id());
        }
        for (OfficeRow o : w.offices.values()) {
            if (o.level().equals("PROVINCE") || o.level().equals("CITY")) {
                for (JsonNode f : w.json(http.send("GET", "/api/v1/offices/" + o.id() + "/officials", admin, null),
                        "officials")) {
                    w.own("officials", f.path("id").asLong(), f.path("officeId").asLong());
                }
            }
        }
        for (String code : List.of("510104", "510703", "510100-ZJ", "510100-RS")) {
            OfficeRow o = w.byCode.get(code);
            if (o == null) continue;
            for (JsonNode f : w.json(http.send("GET", "/api/v1/offices/" + o.id() + "/officials", admin, null),
                    "officials")) {
                w.own("officials", f.path("id").asLong(), f.path("officeId").asLong());
            }
        }
        long province = w.offices.keySet().iterator().next();
        for (JsonNode t : w.json(http.send("GET", "/api/v1/offices/" + province + "/terminals", admin, null),
                "terminals")) {
            w.own("terminals", t.path("id").asLong(), t.path("officeId").asLong());
        }
        for (JsonNode c : w.json(http.send("GET", "/api/v1/cases", admin, null), "cases")) {
            w.own("cases", c.path("id").asLong(), c.path("officeId").asLong());
            w.caseNumbers.put(c.path("id").asLong(), c.path("caseNumber").asString());
        }
        for (Map.Entry<String, Http.Credentials> b : bookers.entrySet()) {
            w.book(http, b.getValue(), b.getKey());
            w.order(http, supervisor, b.getKey());
            w.account(http, admin, b.getKey());
        }
        return w;
    }

    /**
     * A staff account of the county made for the check, so that the account operations ({@code /api/v1/users/{id}/…})
     * aim at it: a subject that may disable an account, or change its role, then ends no session of the checker's
     * own (since a change ends the account's sessions at once, disabling the province's admin would blind the
     * snapshots that are read as that admin).
     */
    private void account(Http http, Http.Credentials admin, String code) {
        OfficeRow county = byCode.get(code);
        if (county == null) return;
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"username\":\"check." + code + "." + suffix + "\",\"displayName\":\"访问检查\",\"officeId\":"
                + county.id() + ",\"role\":\"SCHEDULER\",\"password\":\"Check-" + suffix + "-Pw\"}";
        Http.Response r = http.send("POST", "/api/v1/users", admin, body);
        if (!r.ok()) throw new IllegalStateException("the checker could not make an account in " + code + ": "
                + r.status() + " " + r.body());
        own("users", ApiDocument.JSON.readTree(r.body()).path("id").asLong(), county.id());
    }

    /** Books the first free slot of an official of the county {@code code}, as that county's scheduler. */
    private void book(Http http, Http.Credentials scheduler, String code) {
        OfficeRow county = byCode.get(code);
        if (county == null) return;
        Long caseId = first("cases", county.id());
        Long terminalId = first("terminals", county.id());
        if (caseId == null || terminalId == null) return;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (Long official : ids("officials", county.id())) {
            JsonNode slots = json(http.send("GET", "/api/v1/officials/" + official + "/free-slots?from=" + today
                    + "&to=" + today.plusDays(8), scheduler, null), "free slots");
            if (slots.size() < 3) continue;
            String body = "{\"officialId\":" + official + ",\"terminalId\":" + terminalId + ",\"caseId\":" + caseId
                    + ",\"start\":\"" + slots.get(2).path("start").asString() + "\"}";
            Http.Response r = http.send("POST", "/api/v1/bookings", scheduler, body);
            if (!r.ok()) throw new IllegalStateException("the checker could not book in " + code + ": " + r.status()
                    + " " + r.body());
            JsonNode b = ApiDocument.JSON.readTree(r.body());
            own("bookings", b.path("id").asLong(), county.id());
            bookingCodes.put(b.path("id").asLong(), b.path("code").asString());
            return;
        }
        throw new IllegalStateException("no free slot of an official of " + code + " in the next 8 days");
    }

    /** A supervision order (督办) on the county's first case file, the county as the unit that answers. */
    private void order(Http http, Http.Credentials supervisor, String code) {
        OfficeRow county = byCode.get(code);
        Long caseId = county == null ? null : first("cases", county.id());
        if (caseId == null) return;
        String body = "{\"caseId\":" + caseId + ",\"unitOfficeId\":" + county.id()
                + ",\"mode\":\"DOCUMENT\",\"reason\":\"访问检查督办 access check\",\"deadline\":\""
                + LocalDate.now(ZoneOffset.UTC).plusDays(30) + "\"}";
        Http.Response r = http.send("POST", "/api/v1/supervision/orders", supervisor, body);
        if (!r.ok()) throw new IllegalStateException("the checker could not order supervision in " + code + ": "
                + r.status() + " " + r.body());
        own("items", ApiDocument.JSON.readTree(r.body()).path("id").asLong(), county.id());
    }

    private JsonNode json(Http.Response r, String what) {
        if (!r.ok()) throw new IllegalStateException("discovery of " + what + ": " + r.status() + " " + r.body());
        return ApiDocument.JSON.readTree(r.body());
    }

    private void own(String kind, long id, long officeId) {
        owners.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(id, officeId);
    }

    private Long first(String kind, long officeId) {
        List<Long> ids = ids(kind, officeId);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private List<Long> ids(String kind, long officeId) {
        List<Long> list = new ArrayList<>();
        owners.getOrDefault(kind, Map.of()).forEach((id, office) -> {
            if (office == officeId) list.add(id);
        });
        return list;
    }

    /**
     * An object a subject created during the check (a 2xx to a create): its kind is the path's last segment
     * ({@code consultations}, {@code cases}, {@code endpoints}…), its office the creator's, so that the subjects after
     * it try it as another jurisdiction's.
     */
    void created(String kind, long id, long officeId) {
        owners.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        owners.get(kind).putIfAbsent(id, officeId);
    }

    /** Whether objects of this kind are known (found or created), so that a path's {@code {id}} can name one. */
    boolean knows(String kind) {
        return owners.containsKey(kind);
    }

    OfficeRow office(long id) {
        return offices.get(id);
    }

    OfficeRow office(String code) {
        return byCode.get(code);
    }

    /** Whether {@code officeId} lies in the subtree of {@code mine} (the office itself included). */
    boolean inSubtree(long mine, long officeId) {
        OfficeRow m = offices.get(mine);
        OfficeRow o = offices.get(officeId);
        return m != null && o != null && o.path().startsWith(m.path());
    }

    /** The wider view of officials and calendars: the subtree, every office above it, and their departments. */
    boolean looksAt(long mine, long officeId) {
        OfficeRow m = offices.get(mine);
        OfficeRow o = offices.get(officeId);
        if (m == null || o == null) return false;
        if (o.path().startsWith(m.path()) || m.path().startsWith(o.path())) return true;
        String parent = o.path().substring(0, o.path().lastIndexOf('/', o.path().length() - 2) + 1);
        return o.level().equals("DEPARTMENT") && m.path().startsWith(parent);
    }

    /** The first object of a kind inside (own) or outside — and not above — (other) the office's subtree. */
    Long pick(String kind, long mine, boolean own) {
        if (kind.equals("offices") && !own) {
            // another jurisdiction's office that has bookings of the checker's, so that a filter by it finds some
            for (Long office : owners.getOrDefault("bookings", Map.of()).values()) {
                if (!looksAt(mine, office)) return office;
            }
        }
        for (Map.Entry<Long, Long> e : owners.getOrDefault(kind, Map.of()).entrySet()) {
            boolean inside = inSubtree(mine, e.getValue());
            if (own ? inside : !looksAt(mine, e.getValue())) return e.getKey();
        }
        return null;
    }

    Long ownerOf(String kind, long id) {
        return owners.getOrDefault(kind, Map.of()).get(id);
    }

    String bookingCode(long id) {
        return bookingCodes.get(id);
    }

    /** Case numbers of case files outside the office's subtree: a body that names one reveals it. */
    Set<String> foreignCaseNumbers(long mine) {
        Set<String> set = new java.util.HashSet<>();
        caseNumbers.forEach((id, number) -> {
            if (!inSubtree(mine, ownerOf("cases", id))) set.add(number);
        });
        return set;
    }
}
