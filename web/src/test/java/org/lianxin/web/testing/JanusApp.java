package org.lianxin.web.testing;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A {@link JanusHostApp} on a fresh in-memory H2 per class. */
public abstract class JanusApp extends JanusHostApp {
    @DynamicPropertySource
    static void h2Database(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> "jdbc:h2:mem:janus-app-it-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
    }
}
