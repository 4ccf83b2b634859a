package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;
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
    void eachLifecycleReturnsItsNamedPhase() throws Exception {
        assertThat(phaseOf("org.lianxin.web.live.LiveRoomsLifecycle")).isEqualTo(LifecyclePhases.LIVE_ROOMS);
        assertThat(phaseOf("org.lianxin.web.live.RecordingRoomEvents"))
                .isEqualTo(LifecyclePhases.RECORDING_ROOM_EVENTS);
        assertThat(phaseOf("org.lianxin.web.recording.RecordingLifecycle")).isEqualTo(LifecyclePhases.RECORDING);
    }

    /** The phase of a lifecycle made with null collaborators (getPhase reads none). */
    private static int phaseOf(String className) throws Exception {
        Constructor<?> c = Class.forName(className).getDeclaredConstructors()[0];
        c.setAccessible(true);
        Object[] nulls = new Object[c.getParameterCount()];
        return ((SmartLifecycle) c.newInstance(nulls)).getPhase();
    }
}
