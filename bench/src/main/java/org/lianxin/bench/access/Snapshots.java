package org.lianxin.bench.access;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The other jurisdiction's objects a subject tries to write, read back as the province's admin before and after
 * the subject's turn: one that changed although every write on it was refused is a leak too.
 */
final class Snapshots {
    private final Map<String, String> bodies;

    private Snapshots(Map<String, String> bodies) {
        this.bodies = bodies;
    }

    static Snapshots take(Http http, Http.Credentials admin, World world, Subject s) {
        Map<String, String> map = new LinkedHashMap<>();
        if (!s.staff()) return new Snapshots(map);
        add(map, http, admin, "/api/v1/bookings/", world.pick("bookings", s.officeId(), false), "");
        add(map, http, admin, "/api/v1/cases/", world.pick("cases", s.officeId(), false), "");
        add(map, http, admin, "/api/v1/terminals/", world.pick("terminals", s.officeId(), false), "");
        add(map, http, admin, "/api/v1/officials/", world.pick("officials", s.officeId(), false), "/calendar");
        add(map, http, admin, "/api/v1/offices/", world.pick("offices", s.officeId(), false), "");
        add(map, http, admin, "/api/v1/supervision/items/", world.pick("items", s.officeId(), false), "");
        return new Snapshots(map);
    }

    private static void add(Map<String, String> map, Http http, Http.Credentials admin, String prefix, Long id,
                            String suffix) {
        if (id == null) return;
        String path = prefix + id + suffix;
        Http.Response r = http.send("GET", path, admin, null);
        map.put(path, r.status() + " " + r.body());
    }

    void compare(Snapshots before, Subject s, Verdicts verdicts) {
        for (Map.Entry<String, String> e : before.bodies.entrySet()) {
            String after = bodies.get(e.getKey());
            if (after != null && !after.equals(e.getValue())) {
                verdicts.leak(s + ": " + e.getKey() + " (another jurisdiction's) changed during its requests: was "
                        + abbreviate(e.getValue()) + ", now " + abbreviate(after));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
