package org.lianxin.bench.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * The tally of a check: each request's answer counted as allowed (2xx) or denied (anything else), and judged
 * against {@link Rules}: a LEAK is a 2xx the rules refuse, a 2xx that names an office or a case file outside what the
 * subject may look at, or a refused write whose object changed all the same. 5xx answers are listed as notes.
 */
final class Verdicts {
    private final World world;
    private int requests;
    private int allowed;
    private int denied;
    private final List<String> leaks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> covered = new TreeSet<>();

    Verdicts(World world) {
        this.world = world;
    }

    /** Counts and judges one answer; {@code operation} is the OpenAPI key (or a page or socket label). */
    void judge(Subject s, String operation, String method, String path, Rules.Scope scope, boolean expected,
               Http.Response r) {
        requests++;
        covered.add(operation);
        String what = s + " " + method + " " + path + " [" + scope.name().toLowerCase() + "] -> " + r.status();
        if (r.status() >= 500) notes.add("NOTE server error: " + what);
        if (!r.ok()) {
            denied++;
            return;
        }
        allowed++;
        if (!expected) {
            leaks.add("LEAK " + what + ": the rules refuse this " + (method.equals("GET") ? "read" : "write"));
            return;
        }
        if (method.equals("GET") && s.staff() && !Rules.publishedList(path) && r.contentType().contains("json")) {
            String found = reveals(s, ApiDocument.JSON.readTree(r.body()), world.foreignCaseNumbers(s.officeId()));
            if (found != null) leaks.add("LEAK " + what + ": reveals " + found);
        }
    }

    void leak(String line) {
        leaks.add("LEAK " + line);
    }

    void note(String line) {
        notes.add("NOTE " + line);
    }

    /** What in a body lies outside the subject's view: an office id it may not look at, a foreign case number. */
    private String reveals(Subject s, JsonNode node, Set<String> foreignCases) {
        if (node.isObject()) {
            for (var e : node.properties()) {
                String key = e.getKey();
                JsonNode v = e.getValue();
                long office = officeNamed(key, v);
                if (office > 0 && world.office(office) != null && !world.looksAt(s.officeId(), office)) {
                    return key + " " + office + " (" + world.office(office).code() + ")";
                }
                String inner = reveals(s, v, foreignCases);
                if (inner != null) return inner;
            }
        } else if (node.isArray()) {
            for (JsonNode v : node) {
                String inner = reveals(s, v, foreignCases);
                if (inner != null) return inner;
            }
        } else if (node.isString() && foreignCases.contains(node.asString())) {
            return "case file " + node.asString();
        }
        return null;
    }

    /**
     * The office a field names, or 0: {@code officeId}, {@code terminalOfficeId}, {@code unitOfficeId}…, and office
     * objects such as a supervision item's {@code unit} or {@code supervisingOffice} ({@code {"id": …, "name": …}}).
     */
    private static long officeNamed(String key, JsonNode v) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        if (k.endsWith("officeid") && v.isIntegralNumber()) return v.asLong();
        if ((k.equals("unit") || k.endsWith("office")) && v.isObject() && v.path("id").isIntegralNumber()) {
            return v.path("id").asLong();
        }
        return 0;
    }

    int requests() {
        return requests;
    }

    int allowed() {
        return allowed;
    }

    int denied() {
        return denied;
    }

    List<String> leaks() {
        return leaks;
    }

    List<String> notes() {
        return notes;
    }

    Set<String> covered() {
        return covered;
    }
}
