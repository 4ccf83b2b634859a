package org.lianxin.bench.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operations of the app's OpenAPI document ({@code /v3/api-docs}): method, path template, query, body schema. */
final class ApiDocument {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    /**
     * One operation; {@code body} is the JSON schema of its request body (null without one); {@code idQuery} are
     * its optional query parameters that name an object ({@code officeId}, {@code office}, {@code unitId}…).
     */
    record Operation(String method, String path, List<String> requiredQuery, List<String> idQuery, JsonNode body,
                     String bodyType) {
        String key() {
            return method + " " + path;
        }

        boolean write() {
            return !method.equals("GET");
        }
    }

    private final JsonNode doc;
    private final List<Operation> operations = new ArrayList<>();

    ApiDocument(String json) {
        this.doc = JSON.readTree(json);
        for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
            for (String m : METHODS) {
                JsonNode op = p.getValue().get(m);
                if (op == null) continue;
                List<String> query = new ArrayList<>();
                List<String> idQuery = new ArrayList<>();
                for (JsonNode param : op.path("parameters")) {
                    if (!param.path("in").asString().equals("query")) continue;
                    String name = param.path("name").asString();
                    if (param.path("required").asBoolean(false)) {
                        query.add(name);
                    } else if (Targets.queryKind(name) != null) {
                        idQuery.add(name);
                    }
                }
                JsonNode content = op.path("requestBody").path("content");
                JsonNode schema = null;
                String type = null;
                for (Map.Entry<String, JsonNode> c : content.properties()) {
                    schema = c.getValue().path("schema");
                    type = c.getKey();
                    if (type.contains("json")) break;
                }
                operations.add(new Operation(m.toUpperCase(Locale.ROOT), p.getKey(), query, idQuery, schema,
                        type));
            }
        }
    }

    List<Operation> operations() {
        return operations;
    }

    /** A schema with its {@code $ref} followed (to components/schemas). */
    JsonNode resolve(JsonNode schema) {
        int hops = 0;
        while (schema != null && schema.has("$ref") && hops++ < 20) {
            String ref = schema.path("$ref").asString();
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) target = target.path(part);
            schema = target;
        }
        return schema;
    }
}
