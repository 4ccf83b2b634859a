package org.lianxin.web.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.lianxin.web.LianxinApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Whole application instances in the test JVM, for the tests of several instances on one database. */
public final class AppInstances {
    private AppInstances() {
    }

    /** The join tokens' signing key every test instance shares (a token made on one must verify on the other). */
    public static final String TOKEN_SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    /**
     * What every instance of these tests is started with: {@code database}'s connection, the dev profile on a port of
     * its own, its own data folder, {@code node} as its recording instance and cluster holder name, the demo accounts'
     * password {@code demoPassword}, the shared {@link #TOKEN_SECRET}. Add its media nodes and the rest, then
     * {@link #start}.
     */
    public static Map<String, Object> node(String node, Map<String, String> database, String demoPassword)
            throws IOException {
        Map<String, Object> p = new HashMap<>(database);
        p.put("server.port", "0");
        p.put("spring.profiles.active", "dev");
        p.put("lianxin.demo.password", demoPassword);
        p.put("lianxin.scheduler.identity-key", "bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz");
        p.put("lianxin.signaling.token-secret", TOKEN_SECRET);
        p.put("lianxin.signaling.janus-admin-key", "test-admin-key");
        p.put("lianxin.recording.instance-id", node);
        p.put("lianxin.cluster.holder", node);
        p.put("lianxin.data-dir", Files.createTempDirectory("lianxin-" + node + "-").toString());
        return p;
    }

    /** Starts one with {@code properties} as command-line arguments: above application.yml (defaults would lose to it). */
    public static ConfigurableApplicationContext start(Map<String, ?> properties) {
        return new SpringApplicationBuilder(LianxinApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    /** Closes each of {@code closeables} that is not null, in the order given. */
    public static void closeAll(AutoCloseable... closeables) throws Exception {
        for (AutoCloseable c : closeables) {
            if (c != null) c.close();
        }
    }
}
