package org.lianxin.web.recording;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.signaling.live.LiveRooms;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The application in the test JVM (dev profile) against the {@link RecordingTestEnv} a subclass starts in its own
 * {@code @BeforeAll} (and registers in its own {@code @DynamicPropertySource}); at the end the live rooms stop while
 * Janus still runs, then the environment closes. Test classes run one after another, so one static slot serves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev", "lianxin.signaling.janus-request-timeout=5s"})
@DirtiesContext
abstract class InProcessRecordingIT {
    static RecordingTestEnv env;
    static LiveRooms roomsToStop;

    @LocalServerPort
    int port;
    @Autowired
    LiveRooms rooms;
    @Autowired
    RecordingCatalog catalog;
    @Autowired
    ObjectStore store;

    @BeforeEach
    void remember() {
        roomsToStop = rooms;
    }

    @AfterAll
    static void stop() {
        if (roomsToStop != null) roomsToStop.stop(Duration.ofSeconds(5)); // while Janus still runs
        roomsToStop = null;
        if (env != null) env.close();
        env = null;
    }
}
