package org.lianxin.web.api;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Accounts (sessions ended by a change, accounts created) on a fresh in-memory H2 database. */
class AccountsApiH2IT extends AccountsApiContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "accounts" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }
}
