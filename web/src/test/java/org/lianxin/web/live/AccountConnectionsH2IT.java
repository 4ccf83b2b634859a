package org.lianxin.web.live;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/** {@link AccountConnectionsContract} on one in-memory H2 shared by both instances: no NOTIFY, the periodic check (1 s). */
class AccountConnectionsH2IT extends AccountConnectionsContract {
    @BeforeAll
    static void startBoth() throws Exception {
        String name = "accountconn" + UUID.randomUUID().toString().replace("-", "");
        start(Map.of("spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
                "spring.datasource.username", "sa", "spring.datasource.password", ""), "1s");
    }
}
