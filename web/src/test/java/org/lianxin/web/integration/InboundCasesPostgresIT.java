package org.lianxin.web.integration;

import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The signed inbound upsert of case files on a fresh database of the PostgreSQL that {@code ./lianxin test} starts. */
class InboundCasesPostgresIT extends InboundCasesContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_inbound_cases");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }
}
