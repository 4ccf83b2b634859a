package org.lianxin.web.integration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.lianxin.web.audit.AuditTrail;
import org.lianxin.web.config.CheckedProperties;
import org.lianxin.web.config.Secrets;
import org.lianxin.web.security.SystemActor;
import org.lianxin.webhooks.WebhookSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The inbound API's wiring: its own security filter chain for {@code /api/v1/integration/**}, ahead of the staff
 * chain — no session, no login, no CSRF: the Standard Webhooks signature ({@link InboundSignatureFilter}) is the only
 * way in, so a staff session or password opens nothing there; the replay record; the keys' start-up check.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntegrationProperties.class)
public class IntegrationConfiguration {
    private static final Logger log = LoggerFactory.getLogger(IntegrationConfiguration.class);
    static final String PATHS = "/api/v1/integration/**";

    /** The integration keys for the start-up check ({@code config.ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<IntegrationProperties> integrationKeys() {
        return new CheckedProperties<>("lianxin.integration", IntegrationProperties.class,
                IntegrationConfiguration::check);
    }

    static void check(IntegrationProperties p, Secrets secrets, List<String> problems) {
        if (p.inboundSecrets() != null) {
            for (int i = 0; i < p.inboundSecrets().size(); i++) {
                try {
                    WebhookSecret.parse(p.inboundSecrets().get(i));
                } catch (IllegalArgumentException e) { // the message never repeats the secret
                    problems.add("lianxin.integration.inbound-secrets[" + i + "]: " + e.getMessage());
                }
            }
        }
        if (p.tolerance() != null && (p.tolerance().toSeconds() < 30 || p.tolerance().toMinutes() > 60)) {
            problems.add("lianxin.integration.tolerance: 30s..60m, was " + p.tolerance());
        }
        if (p.maxBody() != null && (p.maxBody() < 1024 || p.maxBody() > 1 << 20)) {
            problems.add("lianxin.integration.max-body: 1024..1048576 bytes, was " + p.maxBody());
        }
    }

    static List<WebhookSecret> secrets(IntegrationProperties p) {
        List<WebhookSecret> parsed = new ArrayList<>();
        for (String s : p.inboundSecrets()) parsed.add(WebhookSecret.parse(s));
        return parsed;
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain integrationFilterChain(HttpSecurity http, IntegrationProperties p, Clock clock,
                                               InboundAudit audit) throws Exception {
        integrationKeys().requireValid(p, null);
        List<WebhookSecret> secrets = secrets(p);
        log.info("integration: inbound case API {} (lianxin.integration.inbound-secrets: {} secrets), tolerance {}",
                secrets.isEmpty() ? "off" : "on", secrets.size(), p.tolerance());
        http.securityMatcher(PATHS)
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(r -> r.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .addFilterBefore(new InboundSignatureFilter(secrets, p.tolerance(), p.maxBody(), clock, audit),
                        AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    InboundAudit inboundAudit(AuditTrail trail, SystemActor system) {
        return new InboundAudit(trail, system);
    }

    @Bean
    InboundReplays inboundReplays(DataSource dataSource, Clock clock, IntegrationProperties p) {
        return new InboundReplays(JdbcClient.create(dataSource), clock, p.tolerance().multipliedBy(2));
    }
}
