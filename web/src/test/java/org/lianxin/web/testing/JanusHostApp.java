package org.lianxin.web.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.testing.JanusTestHost;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a Spring Boot IT of the live rooms starts from (the subclass carries its own {@code @SpringBootTest}): a real
 * Janus in a network namespace of its own ({@link JanusTestHost}), a fresh data folder per class (the database is the
 * subclass's: {@link JanusApp} an in-memory H2), and the live rooms stopped while Janus still runs (so their media
 * rooms are destroyed) before Janus stops.
 * Classes run one after another in one JVM (failsafe's default), so the statics belong to the running class.
 */
public abstract class JanusHostApp {
    protected static JanusTestHost janus;
    protected static Path dataDir;
    private static LiveRooms roomsToStop;

    @Autowired
    protected LiveRooms rooms;

    @BeforeAll
    static void startJanus() throws Exception {
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)");
        janus = JanusTestHost.start();
        dataDir = Files.createTempDirectory("lianxin-janus-app-it-");
    }

    @DynamicPropertySource
    static void janusProperties(DynamicPropertyRegistry r) {
        r.add("lianxin.signaling.janus-url", () -> janus.wsUrl().toString());
        r.add("lianxin.signaling.janus-admin-key", () -> janus.adminKey());
        r.add("lianxin.data-dir", () -> dataDir.toString());
    }

    @BeforeEach
    void rememberRooms() {
        roomsToStop = rooms;
    }

    @AfterAll
    static void stopJanus() {
        if (roomsToStop != null) {
            roomsToStop.stop(Duration.ofSeconds(5)); // while Janus still runs: media rooms are destroyed
        }
        roomsToStop = null;
        if (janus != null) {
            janus.close();
        }
        janus = null;
    }
}
