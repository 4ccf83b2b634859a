package org.lianxin.web.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The published API description ({@code /v3/api-docs}): who it is, how to authenticate (the session cookie with the
 * CSRF header, or HTTP Basic; the public operations say {@code security: []}), the RFC 9457 problem details every
 * operation may answer with their {@code rule}s and an example each, and the webhook payloads (OpenAPI 3.1
 * {@code webhooks}, added by the webhooks feature). Controllers give each operation its summary and tag; this class
 * adds what is the same for all.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    static final String SESSION = "session";
    static final String CSRF = "csrf";
    static final String BASIC = "basic";
    static final String PROBLEM = "ProblemDetail";
    static final String PROBLEM_JSON = "application/problem+json";
    /** The operations anyone may call: the audit log's public key and an official's iCalendar feed (by its token). */
    static final Set<String> PUBLIC_PATHS = Set.of("/login", "/api/v1/audit/public-key", "/calendar/{token}.ics");

    @Bean
    OpenAPI lianxinOpenApi(@Value("${lianxin-api.version:0.1.0}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("Lianxin (连心) video reception API")
                        .version(version.startsWith("@") ? "0.1.0" : version)
                        .description("""
                                连心视频接访系统的 REST 接口：预约、接访、会商、督办、案件、录像、统计、通报和 webhook。\
                                错误以 RFC 9457 问题详情（application/problem+json）返回，每个都带稳定的 `rule`。

                                The REST API of Lianxin, the video reception server of petition offices: bookings, \
                                receptions, consultations, supervision, cases, recordings, statistics, bulletins and \
                                webhooks. Authenticate with the session cookie of the form login (send the \
                                `XSRF-TOKEN` cookie's value as `X-XSRF-TOKEN` on every request that changes \
                                something) or with HTTP Basic. Every refusal is an RFC 9457 problem detail \
                                (`application/problem+json`) with a stable `rule` to branch on.""")
                        .contact(new Contact().name("Lianxin maintainers"))
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
                .servers(List.of(new Server().url("/").description("this server")))
                .components(new Components()
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("The session cookie set by POST /login (form login)."))
                        .addSecuritySchemes(CSRF, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-XSRF-TOKEN")
                                .description("With the session cookie, on POST/PUT/DELETE: the value of the"
                                        + " XSRF-TOKEN cookie. Not needed with HTTP Basic."))
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("A staff account's username and password.")))
                .security(List.of(new SecurityRequirement().addList(SESSION).addList(CSRF),
                        new SecurityRequirement().addList(BASIC)));
    }

    @Bean
    OpenApiCustomizer lianxinProblemAnswers() {
        return openApi -> {
            // springdoc builds components.schemas from the controllers' types, replacing what the bean declared
            if (openApi.getComponents() == null) openApi.setComponents(new Components());
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            addLogin(openApi);
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                        customize(path, method, operation)));
            }
            sortTags(openApi);
        };
    }

    private static void customize(String path, PathItem.HttpMethod method, Operation operation) {
        boolean open = PUBLIC_PATHS.contains(path);
        boolean changes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        if (open) {
            operation.setSecurity(List.of());
        } else if (!changes) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(SESSION),
                    new SecurityRequirement().addList(BASIC)));
        }
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            responses = new ApiResponses();
            operation.setResponses(responses);
        }
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean body = operation.getRequestBody() != null;
        boolean pathId = path.contains("{");
        String instance = path.replaceAll("\\{[^}]*}", "42");
        if (hasParameters || body) {
            problem(responses, instance, 400, "The request is malformed or a value breaks the input rules.", "validation",
                    "the request has invalid fields", Map.of("errors", List.of(Map.of("field", "reason",
                            "violation", "NotBlank", "message", "must not be blank"))));
        }
        if (!open) {
            problem(responses, instance, 401, "Not logged in (no session, or wrong HTTP Basic credentials).",
                    "unauthenticated", "log in first (form login or HTTP Basic)", Map.of());
            problem(responses, instance, 403, "The role may not do this, the record is outside the caller's jurisdiction,"
                    + " or the CSRF token is missing.", "forbidden", "access denied", Map.of());
        }
        if (open && method == PathItem.HttpMethod.GET && !pathId) {
            problem(responses, instance, 406, "The Accept header names no media type this operation can send.",
                    "not-acceptable", "No acceptable representation", Map.of());
        }
        if (pathId) {
            problem(responses, instance, 404, "No such record (or not visible to the caller).", "not-found",
                    "no such record", Map.of());
        }
        boolean calendar = path.startsWith("/api/v1/bookings") || path.startsWith("/api/v1/officials")
                || path.startsWith("/api/v1/consultations");
        if (!open && changes) {
            if (calendar) {
                problem(responses, instance, 409, "The record was changed meanwhile or the time is taken.", "official-busy",
                        "王芳 busy 2026-12-08 09:00–09:30 (with a 10 min buffer)", Map.of("official", "王芳",
                                "start", "2026-12-08T01:00:00Z", "end", "2026-12-08T01:30:00Z",
                                "zone", "Asia/Shanghai", "buffer", 10));
            } else {
                problem(responses, instance, 409, "The record was changed meanwhile or is in a state that does not allow"
                        + " this.", "item-changed", "the item was changed meanwhile; reload it", Map.of());
            }
        }
        if (body) {
            problem(responses, instance, 413, "The request body is larger than allowed.", "body-too-large",
                    "the request body is larger than 1048576 bytes", Map.of());
            problem(responses, instance, 415, "The request body's media type is not accepted.", "unsupported-media-type",
                    "Content-Type 'text/plain' is not supported", Map.of());
            if (calendar) {
                problem(responses, instance, 422, "A business rule refused the request; `rule` says which.",
                        "outside-availability", "王芳 does not receive 2026-12-08 18:00–18:30 (reception hours: Tue"
                                + " 09:00–12:00)", Map.of("official", "王芳", "start", "2026-12-08T10:00:00Z",
                                "end", "2026-12-08T10:30:00Z", "zone", "Asia/Shanghai"));
            } else {
                problem(responses, instance, 422, "A business rule refused the request; `rule` says which.", "text-required",
                        "a reply needs text", Map.of());
            }
        }
    }

    private static void problem(ApiResponses responses, String instance, int status, String description, String rule,
                                String detail, Map<String, Object> facts) {
        String code = Integer.toString(status);
        if (responses.containsKey(code) && !isDefaultProblem(responses.get(code))) return;
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:lianxin:problem:" + rule);
        example.put("title", title(status));
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", instance);
        example.put("rule", rule);
        example.putAll(facts);
        responses.addApiResponse(code, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                        .addExamples(rule, new Example().summary(rule).value(example)))));
    }

    /** springdoc's own answer for a status (from the exception handler's return type), which ours replaces. */
    private static boolean isDefaultProblem(ApiResponse response) {
        return response.getContent() == null || response.getContent().keySet().stream()
                .allMatch(type -> type.equals("*/*") || type.equals(PROBLEM_JSON));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Rule violated";
            default -> "Error";
        };
    }

    /** A schema of one JSON type, for OpenAPI 3.0 and 3.1 alike. */
    public static Schema<Object> typed(String type, String description) {
        Schema<Object> s = new Schema<>();
        s.setType(type);
        s.setTypes(Set.of(type));
        s.setDescription(description);
        return s;
    }

    /** RFC 9457 with the project's {@code rule}; a rule's own facts are further members. */
    static Schema<Object> problemSchema() {
        Schema<Object> s = typed("object", "An RFC 9457 problem detail. Besides the standard members it has"
                + " `rule`, a stable name to branch on, and for some rules facts about the refusal as further"
                + " members (e.g. `field`, `errors`, `errorId`).");
        Schema<Object> uri = typed("string", "`urn:lianxin:problem:<rule>`");
        uri.setFormat("uri-reference");
        Map<String, Schema> props = new LinkedHashMap<>();
        props.put("type", uri);
        props.put("title", typed("string", "A short, human-readable summary of the kind of problem."));
        props.put("status", typed("integer", "The HTTP status code."));
        props.put("detail", typed("string", "What went wrong in this occurrence (English)."));
        props.put("instance", typed("string", "The request path."));
        props.put("rule", typed("string", "The stable name of the refusal, e.g. `slot-taken`, `validation`,"
                + " `unauthenticated`, `forbidden`, `not-found`."));
        Schema<Object> errors = typed("array", "For `validation`: one entry per invalid field.");
        Schema<Object> error = typed("object", "An invalid field.");
        error.setProperties(new LinkedHashMap<>(Map.of(
                "field", typed("string", "The field or parameter."),
                "violation", typed("string", "The constraint it breaks."),
                "message", typed("string", "Why, in English."))));
        errors.setItems(error);
        props.put("errors", errors);
        props.put("errorId", typed("string", "For `internal`: the id to quote to the operator."));
        s.setProperties(props);
        s.setRequired(List.of("type", "title", "status", "rule"));
        s.setAdditionalProperties(Boolean.TRUE);
        return s;
    }

    /** The form login Spring Security serves: not a controller, so described here. */
    private static void addLogin(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getPaths().containsKey("/login")) return;
        Schema<Object> form = typed("object", "The credentials.");
        form.setProperties(new LinkedHashMap<>(Map.of("username", typed("string", "The account's username."),
                "password", typed("string", "Its password."))));
        form.setRequired(List.of("username", "password"));
        Operation login = new Operation().operationId("login").addTagsItem("Session")
                .summary("Log in with username and password; the answer sets the session cookie")
                .description("Form login. On success a redirect to `/` with the `JSESSIONID` and `XSRF-TOKEN`"
                        + " cookies; on failure a redirect to `/login?error`.")
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                        "application/x-www-form-urlencoded", new MediaType().schema(form))))
                .responses(new ApiResponses().addApiResponse("302", new ApiResponse()
                        .description("Logged in (Location: /) or refused (Location: /login?error).")
                        .addHeaderObject("Location", new Header().description("Where the browser goes next.")
                                .schema(typed("string", null)))));
        login.setSecurity(List.of());
        openApi.getPaths().addPathItem("/login", new PathItem().post(login));
    }

    private static void sortTags(OpenAPI openApi) {
        if (openApi.getTags() == null) openApi.setTags(new ArrayList<>());
        Set<String> named = new java.util.TreeSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
                if (op.getTags() != null) named.addAll(op.getTags());
            }));
        }
        named.add("Webhooks");
        for (String name : named) {
            if (openApi.getTags().stream().noneMatch(t -> t.getName().equals(name))) {
                openApi.getTags().add(new Tag().name(name).description(name));
            }
        }
        openApi.getTags().sort(java.util.Comparator.comparing(Tag::getName));
    }
}
