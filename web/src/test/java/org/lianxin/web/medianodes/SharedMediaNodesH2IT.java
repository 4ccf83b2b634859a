package org.lianxin.web.medianodes;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/** {@link SharedMediaNodesContract} on one in-memory H2 shared by both instances. */
class SharedMediaNodesH2IT extends SharedMediaNodesContract {
    @BeforeAll
    static void startBoth() throws Exception {
        String name = "sharednodes" + UUID.randomUUID().toString().replace("-", "");
        start(Map.of("spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
                "spring.datasource.username", "sa", "spring.datasource.password", ""));
    }
}
