package org.lianxin.web.live;

import java.time.Duration;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.web.config.LifecyclePhases;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the live rooms with the application and, on shutdown, ends every room (participants get
 * {@code ended}, reason SERVER; media rooms are destroyed) before the recording and the web server stop
 * ({@link LifecyclePhases}); the media engine's connection closes after that, with its bean.
 */
final class LiveRoomsLifecycle implements SmartLifecycle {
    private final LiveRooms rooms;

    LiveRoomsLifecycle(LiveRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public void start() {
        rooms.start();
    }

    @Override
    public void stop() {
        rooms.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return rooms.isRunning();
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.LIVE_ROOMS;
    }
}
