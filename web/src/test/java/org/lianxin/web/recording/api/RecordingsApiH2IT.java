package org.lianxin.web.recording.api;

import java.nio.file.Path;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The recordings API on a fresh in-memory H2 database. */
class RecordingsApiH2IT extends RecordingsApiContract {
    private static final Path DATA = tempDataDir("recordings-h2-it");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "recit" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("lianxin.data-dir", DATA::toString);
    }
}
