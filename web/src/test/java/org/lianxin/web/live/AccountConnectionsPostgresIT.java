package org.lianxin.web.live;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.lianxin.scheduler.testing.TestDatabases;

/**
 * {@link AccountConnectionsContract} on a fresh database of the PostgreSQL of {@code ./lianxin test}: instance B hears
 * of the change by NOTIFY (its periodic check is set to 5 minutes, far beyond the test's waits).
 */
class AccountConnectionsPostgresIT extends AccountConnectionsContract {
    @BeforeAll
    static void startBoth() throws Exception {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_account_connections");
        start(Map.of("spring.datasource.url", db.url(), "spring.datasource.username", db.user(),
                "spring.datasource.password", db.password()), "5m");
    }
}
