package org.lianxin.web.medianodes;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.lianxin.scheduler.testing.TestDatabases;

/** {@link SharedMediaNodesContract} on a fresh database of the PostgreSQL of {@code ./lianxin test}. */
class SharedMediaNodesPostgresIT extends SharedMediaNodesContract {
    @BeforeAll
    static void startBoth() throws Exception {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_shared_media_nodes");
        start(Map.of("spring.datasource.url", db.url(), "spring.datasource.username", db.user(),
                "spring.datasource.password", db.password()));
    }
}
