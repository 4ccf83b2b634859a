package org.lianxin.bench.access;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plausible request bodies from the OpenAPI schemas: every property filled (required or not) with a value of its
 * type, ids named {@code officeId}, {@code caseId}, {@code officialIds}… taken from the target's side (own or other
 * jurisdiction), so a write is refused, if at all, for its access and not for a missing field.
 */
final class Bodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ApiDocument doc;

    Bodies(ApiDocument doc) {
        this.doc = doc;
    }

    /** The body for a schema; {@code ids} gives the id for a field name ("officeId", "caseIds"…), or null. */
    String make(JsonNode schema, Function<String, Long> ids) {
        if (schema == null) return null;
        return value(schema, "", ids, 0).toString();
    }

    private JsonNode value(JsonNode schema, String name, Function<String, Long> ids, int depth) {
        JsonNode s = doc.resolve(schema);
        if (s == null || depth > 6) return NODES.nullNode();
        if (s.has("enum")) return s.path("enum").get(0);
        if (s.has("oneOf") || s.has("anyOf")) return value((s.has("oneOf") ? s.path("oneOf") : s.path("anyOf")).get(0),
                name, ids, depth + 1);
        String type = s.path("type").isArray() ? s.path("type").get(0).asString() : s.path("type").asString("object");
        switch (type) {
            case "array": {
                ArrayNode a = NODES.arrayNode();
                a.add(value(s.path("items"), singular(name), ids, depth + 1));
                return a;
            }
            case "integer":
            case "number": {
                Long id = ids.apply(name);
                if (id != null) return NODES.numberNode(id);
                long min = s.path("minimum").asLong(1);
                return NODES.numberNode(Math.max(1, Math.min(min, 5)));
            }
            case "boolean":
                return NODES.booleanNode(false);
            case "string":
                return NODES.stringNode(text(s, name));
            default: {
                ObjectNode o = NODES.objectNode();
                for (var p : s.path("properties").properties()) {
                    o.set(p.getKey(), value(p.getValue(), p.getKey(), ids, depth + 1));
                }
                return o;
            }
        }
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static String text(JsonNode s, String name) {
        String format = s.path("format").asString("");
        ZonedDateTime soon = ZonedDateTime.now(ZoneOffset.UTC).plusDays(9).withHour(2).withMinute(0).withSecond(0)
                .withNano(0);
        switch (format) {
            case "date-time":
                return soon.plusHours(name.toLowerCase(Locale.ROOT).contains("end") ? 1 : 0).toInstant().toString();
            case "date":
                return LocalDate.now(ZoneOffset.UTC).plusDays(9).toString();
            case "email":
                return "check@example.org";
            case "uri":
                return "http://127.0.0.1:9/hook";
            default:
                break;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("month")) return LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7);
        if (n.contains("time") && !n.contains("zone")) return "09:00";
        if (n.equals("start") || n.equals("end")) return n.equals("start") ? "09:00" : "10:00";
        if (n.contains("day")) return "TUESDAY";
        if (n.contains("username")) return "check." + Math.abs(System.nanoTime() % 1_000_000);
        if (n.contains("idnumber")) return "110101199003077777";
        if (n.contains("phone")) return "13900000000";
        if (n.contains("url")) return "http://127.0.0.1:9/hook";
        if (n.contains("email")) return "check@example.org";
        if (n.contains("code") || n.contains("number")) return "CHECK-" + Math.abs(System.nanoTime() % 1_000_000);
        int max = s.path("maxLength").asInt(64);
        String t = "访问检查 access check";
        return t.length() > max ? t.substring(0, Math.max(1, max)) : t;
    }
}
