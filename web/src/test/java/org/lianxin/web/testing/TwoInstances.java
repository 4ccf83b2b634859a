package org.lianxin.web.testing;

import java.util.Map;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.signaling.testing.FakeJanus;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two whole application instances, app-a and app-b ({@link AppInstances#node}), on one database, each driving a fake
 * Janus of its own: the start-up of the tests of several instances (issue 14) that need no real media server. Closed
 * B first, then A, then the fake Janus.
 */
public record TwoInstances(ConfigurableApplicationContext appA, ConfigurableApplicationContext appB, FakeJanus janusA,
                           FakeJanus janusB) implements AutoCloseable {

    /** The connection properties of a fresh database {@code name} of the PostgreSQL of {@code ./lianxin test}. */
    public static Map<String, String> postgres(String name) {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl(name);
        return Map.of("spring.datasource.url", db.url(), "spring.datasource.username", db.user(),
                "spring.datasource.password", db.password());
    }

    /**
     * Starts app-a, then app-b, on {@code database} with the demo accounts' password {@code demoPassword} and the
     * properties {@code more} (over those of {@link AppInstances#node}); what had started is closed if one fails.
     */
    public static TwoInstances start(Map<String, String> database, String demoPassword, Map<String, ?> more)
            throws Exception {
        FakeJanus janusA = new FakeJanus();
        FakeJanus janusB = new FakeJanus();
        ConfigurableApplicationContext appA = null;
        try {
            appA = app("app-a", janusA, database, demoPassword, more);
            return new TwoInstances(appA, app("app-b", janusB, database, demoPassword, more), janusA, janusB);
        } catch (Exception | Error e) {
            AppInstances.closeAll(appA, janusA, janusB);
            throw e;
        }
    }

    private static ConfigurableApplicationContext app(String node, FakeJanus janus, Map<String, String> database,
                                                      String demoPassword, Map<String, ?> more) throws Exception {
        Map<String, Object> p = AppInstances.node(node, database, demoPassword);
        p.put("lianxin.signaling.janus-url", janus.uri().toString());
        p.putAll(more);
        return AppInstances.start(p);
    }

    @Override
    public void close() throws Exception {
        AppInstances.closeAll(appB, appA, janusA, janusB);
    }
}
