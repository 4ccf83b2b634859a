package org.lianxin.web.api;

import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The reports REST contract on a fresh database of the throwaway PostgreSQL that {@code ./lianxin test} starts. */
class ReportsApiPostgresIT extends ReportsApiContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_reports");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }
}
