package org.lianxin.web.api;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The third-party evaluation REST contract on a fresh in-memory H2 database. */
class EvaluationApiH2IT extends EvaluationApiContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "evit" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }
}
