package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lianxin.web.live.SignalingProperties;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * The stop order of what runs in the application is the one {@link LifecyclePhases} documents, and each lifecycle
 * takes its phase from there (looked up by name: they are package-private in their features).
 */
class LifecyclePhasesTest {

    @Test
    void theSweepStopsFirstThenTheRoomsThenTheRecordingsRoomEventsThenTheRecorderAllBeforeTheWebServer() {
        assertThat(LifecyclePhases.INTERRUPTED_SESSIONS).isGreaterThan(LifecyclePhases.LIVE_ROOMS);
        assertThat(LifecyclePhases.LIVE_ROOMS).isGreaterThan(LifecyclePhases.RECORDING_ROOM_EVENTS);
        assertThat(LifecyclePhases.RECORDING_ROOM_EVENTS).isGreaterThan(LifecyclePhases.RECORDING);
        assertThat(LifecyclePhases.RECORDING).isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
    }

    @Test
    void theListeningConnectionStartsBeforeAndStopsAfterEverySubscriber() {
        assertThat(LifecyclePhases.DATABASE_NOTICES).isLessThan(LifecyclePhases.NOTIFICATIONS) // webhooks' dispatcher
                .isLessThan(LifecyclePhases.LIVE_ROOMS + 10) // account sessions
                .isLessThan(LifecyclePhases.RECORDING_ROOM_EVENTS + 1); // recording switches
    }

    @Test
    void eachLifecycleReturnsItsNamedPhase() throws Exception {
        assertThat(phaseOf("org.lianxin.web.live.LiveRoomsLifecycle")).isEqualTo(LifecyclePhases.LIVE_ROOMS);
        assertThat(phaseOf("org.lianxin.web.recording.RecordingRoomEvents"))
                .isEqualTo(LifecyclePhases.RECORDING_ROOM_EVENTS);
        assertThat(phaseOf("org.lianxin.web.recording.RecordingLifecycle", null, null, TestClusterJobs.alone()))
                .isEqualTo(LifecyclePhases.RECORDING);
        SignalingProperties signaling = new SignalingProperties(URI.create("ws://127.0.0.1:8188/"), null, null, null,
                Duration.ofSeconds(10), true, null, Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofMinutes(15));
        assertThat(phaseOf("org.lianxin.web.reception.InterruptedSessions", null, null, null, null, signaling,
                TestClusterJobs.alone()))
                .isEqualTo(LifecyclePhases.INTERRUPTED_SESSIONS);
        assertThat(phaseOf("org.lianxin.web.recording.RecordingSwitches"))
                .as("the switches start after the room events' worker, stop before it")
                .isEqualTo(LifecyclePhases.RECORDING_ROOM_EVENTS + 1);
        assertThat(phaseOf("org.lianxin.web.recording.LostOwnersRecordings"))
                .isEqualTo(LifecyclePhases.INTERRUPTED_SESSIONS);
    }

    /** The phase of a lifecycle made with these collaborators (null for all if none are given: getPhase reads none). */
    private static int phaseOf(String className, Object... arguments) throws Exception {
        Constructor<?> c = Class.forName(className).getDeclaredConstructors()[0];
        c.setAccessible(true);
        Object[] args = arguments.length == 0 ? new Object[c.getParameterCount()] : arguments;
        return ((SmartLifecycle) c.newInstance(args)).getPhase();
    }
}
