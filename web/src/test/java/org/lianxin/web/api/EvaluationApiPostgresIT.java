package org.lianxin.web.api;

import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The third-party evaluation REST contract on a fresh database of the test PostgreSQL ({@code ./lianxin test}). */
class EvaluationApiPostgresIT extends EvaluationApiContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_evaluation");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }
}
