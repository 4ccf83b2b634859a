package org.lianxin.web.testing;

import java.util.Map;
import org.lianxin.web.LianxinApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Whole application instances in the test JVM, for the tests of several instances on one database. */
public final class AppInstances {
    private AppInstances() {
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
