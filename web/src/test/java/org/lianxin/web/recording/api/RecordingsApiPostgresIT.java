package org.lianxin.web.recording.api;

import java.nio.file.Path;

import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The recordings API on a fresh database of the throwaway PostgreSQL that {@code ./lianxin test} starts. */
class RecordingsApiPostgresIT extends RecordingsApiContract {
    private static final Path DATA = tempDataDir("recordings-pg-it");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_recordings");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("lianxin.data-dir", DATA::toString);
    }
}
