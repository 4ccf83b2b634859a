package org.lianxin.web.pages;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.testing.JanusTestHost;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a random port (dev profile: demo offices and users with one password) over a real Janus in a
 * network namespace of its own ({@link JanusTestHost}), a fresh data folder per class, and the live rooms stopped while
 * Janus still runs: what every live page IT starts from. A class that records tracks adds the recorder's address as
 * Janus sees it ({@code lianxin.recording.rtp-host = janus.hostAddress()}) in a {@code @DynamicPropertySource} of its
 * own. Classes run one after another in one JVM (failsafe's default), so the statics belong to the running class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev", "lianxin.signaling.janus-request-timeout=5s"})
@DirtiesContext
abstract class LiveApp {
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static JanusTestHost janus;
    static Path dataDir;
    static LiveRooms roomsToStop;

    @LocalServerPort
    int port;
    @Autowired
    LiveRooms rooms;

    @BeforeAll
    static void startJanus() throws Exception {
        ChromiumBrowser.assumeAvailable();       // a failure, not a skip, under LIANXIN_TEST_STRICT
        assumeTrue(JanusTestHost.available(), "needs /usr/bin/janus and root (ip netns)"); // idem
        janus = JanusTestHost.start();
        dataDir = Files.createTempDirectory("lianxin-live-page-it-");
    }

    @DynamicPropertySource
    static void liveProperties(DynamicPropertyRegistry r) {
        r.add("lianxin.demo.password", () -> PASSWORD);
        r.add("lianxin.data-dir", () -> dataDir.toString());
        r.add("lianxin.signaling.janus-url", () -> janus.wsUrl().toString());
        r.add("lianxin.signaling.janus-admin-key", () -> janus.adminKey());
    }

    @BeforeEach
    void rememberRooms() {
        roomsToStop = rooms;
    }

    @AfterAll
    static void stopJanus() throws IOException {
        if (roomsToStop != null) roomsToStop.stop(Duration.ofSeconds(5)); // while Janus still runs
        roomsToStop = null;
        if (janus != null) janus.close();
        janus = null;
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            dataDir = null;
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }
}
