package org.lianxin.web.webhooks;

import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every outbound event on a fresh database of the throwaway PostgreSQL that {@code ./lianxin test} starts. */
class WebhookEventsPostgresIT extends WebhookEventsContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_webhook_events");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }
}
