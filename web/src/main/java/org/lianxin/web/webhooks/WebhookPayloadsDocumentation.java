package org.lianxin.web.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.lianxin.web.config.OpenApiConfiguration;
import org.lianxin.webhooks.EventType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The webhook payloads in the API description (OpenAPI 3.1 {@code webhooks}): one entry per {@link EventType}, the
 * Standard Webhooks envelope the dispatcher POSTs with its {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature} headers.
 */
@Component
class WebhookPayloadsDocumentation implements OpenApiCustomizer {
    /** One webhook per event type: the Standard Webhooks envelope POSTed to a subscribed endpoint. */
    @Override
    public void customise(OpenAPI openApi) {
        Map<String, PathItem> hooks = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            Schema<Object> envelope = OpenApiConfiguration.typed("object", "The Standard Webhooks envelope.");
            Schema<Object> typeName = OpenApiConfiguration.typed("string", "The event type.");
            typeName.setConst(type.wireName());
            Schema<Object> timestamp = OpenApiConfiguration.typed("string", "When it happened (UTC).");
            timestamp.setFormat("date-time");
            Map<String, Schema> properties = new LinkedHashMap<>();
            properties.put("type", typeName);
            properties.put("timestamp", timestamp);
            properties.put("data", data(type));
            envelope.setProperties(properties);
            envelope.setRequired(List.of("type", "timestamp", "data"));
            List<io.swagger.v3.oas.models.parameters.Parameter> headers = new ArrayList<>();
            headers.add(header("webhook-id", "The message id (`msg_…`), the same on every attempt: dedupe on it."));
            headers.add(header("webhook-timestamp", "Unix seconds when this attempt was signed."));
            headers.add(header("webhook-signature", "`v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per"
                    + " active secret, space-separated."));
            Operation op = new Operation().operationId("webhook-" + type.wireName().replace('.', '-'))
                    .summary("Event " + type.wireName() + " sent to a subscribed endpoint")
                    .addTagsItem("Webhooks").parameters(headers)
                    .requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                            "application/json", new MediaType().schema(envelope))))
                    .responses(new ApiResponses()
                            .addApiResponse("200", new ApiResponse().description("Received (any 2xx)."))
                            .addApiResponse("400", new ApiResponse().description("Refused; retried later with"
                                    + " backoff (any other status or no answer).")));
            op.setSecurity(List.of());
            hooks.put(type.wireName(), new PathItem().post(op));
        }
        openApi.setWebhooks(hooks);
    }

    /** The event's facts, field by field ({@link WebhookPayloadFields}). */
    static Schema<Object> data(EventType type) {
        Schema<Object> data = OpenApiConfiguration.typed("object", "The facts of " + type.wireName()
                + ": ids, numbers, states and times; ask the API for more.");
        Map<String, Schema> fields = new LinkedHashMap<>();
        for (Map.Entry<String, WebhookPayloadFields.Field> f : WebhookPayloadFields.of(type).entrySet()) {
            fields.put(f.getKey(), field(f.getValue()));
        }
        data.setProperties(fields);
        data.setRequired(new ArrayList<>(fields.keySet()));
        return data;
    }

    private static Schema<Object> field(WebhookPayloadFields.Field f) {
        String type = f.type();
        if (type.endsWith("[]")) {
            Schema<Object> list = OpenApiConfiguration.typed("array", f.description());
            list.setItems(OpenApiConfiguration.typed(type.substring(0, type.length() - 2), null));
            return list;
        }
        boolean time = type.equals("date-time") || type.equals("date");
        Schema<Object> s = OpenApiConfiguration.typed(time ? "string" : type, f.description());
        if (time) s.setFormat(type);
        if (f.description().contains("or null")) {
            s.setTypes(new java.util.LinkedHashSet<>(List.of(s.getType(), "null")));
        }
        return s;
    }

    private static io.swagger.v3.oas.models.parameters.Parameter header(String name, String description) {
        return new io.swagger.v3.oas.models.parameters.Parameter().in("header").name(name).required(true)
                .description(description).schema(OpenApiConfiguration.typed("string", null));
    }

}
