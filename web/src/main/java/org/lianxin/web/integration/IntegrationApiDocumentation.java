package org.lianxin.web.integration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The inbound API in the API description: its operations are signed (the {@code signed} security scheme, Standard
 * Webhooks headers), not logged in.
 */
@Component
class IntegrationApiDocumentation implements OpenApiCustomizer {
    static final String SIGNED = "signed";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) openApi.setComponents(new Components());
        openApi.getComponents().addSecuritySchemes(SIGNED, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("webhook-signature")
                .description("Standard Webhooks: `webhook-id` (one per message, kept when a message is sent"
                        + " again: a message whose id was seen before is answered 200 and not applied again),"
                        + " `webhook-timestamp` (Unix seconds, within 5 minutes of the server's clock) and"
                        + " `webhook-signature` = `v1,<base64 HMAC-SHA256 of id.timestamp.body>` with a configured"
                        + " `whsec_…` secret. No session or password is accepted here."));
        if (openApi.getPaths() == null) return;
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/v1/integration/")) {
                item.readOperations().forEach(op -> op.setSecurity(List.of(new SecurityRequirement().addList(SIGNED))));
            }
        });
    }
}
