package org.lianxin.web.api;

import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Unmasking personal data on a fresh database of the test PostgreSQL ({@code ./lianxin test}). */
class PersonalDataApiPostgresIT extends PersonalDataApiContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_personal");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }
}
