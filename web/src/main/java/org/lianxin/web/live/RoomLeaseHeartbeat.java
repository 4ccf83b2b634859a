package org.lianxin.web.live;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.web.cluster.RoomPlacement;
import org.lianxin.web.config.LifecyclePhases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One thread renewing the leases of every live room this instance owns, every {@code lianxin.cluster.room-lease-renew};
 * a room whose lease another instance took (this one paused past its term) is closed here without a write — its
 * participants are told to join again ({@code ROOM_MOVED}) and reach the new owner.
 */
final class RoomLeaseHeartbeat implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RoomLeaseHeartbeat.class);

    private final RoomPlacement placement;
    private final LiveRooms rooms;
    private final Duration every;
    /** Told of each room lost here, after it was evicted ({@link RoomLostHere}: its recording lets go of it). */
    private final Consumer<RoomLostHere> lostHere;
    private final Clock clock;
    private volatile ScheduledExecutorService timer;

    RoomLeaseHeartbeat(RoomPlacement placement, LiveRooms rooms, Duration every) {
        this(placement, rooms, every, lost -> { }, Clock.systemUTC());
    }

    RoomLeaseHeartbeat(RoomPlacement placement, LiveRooms rooms, Duration every, Consumer<RoomLostHere> lostHere,
                       Clock clock) {
        this.placement = placement;
        this.rooms = rooms;
        this.every = every;
        this.lostHere = lostHere;
        this.clock = clock;
    }

    /** One beat: renews every room's lease and closes the rooms lost. */
    void beat() {
        List<String> lost = placement.renewAll();
        for (String roomId : lost) {
            rooms.evict(roomId);
            lostHere.accept(new RoomLostHere(roomId, clock.instant()));
        }
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "room-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                beat();
            } catch (RuntimeException e) {
                log.warn("room leases: heartbeat failed: {}", e.getMessage(), e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** Before the live rooms start and after they stop: their leases are renewed while they may end. */
    @Override
    public int getPhase() {
        return LifecyclePhases.LIVE_ROOMS - 10;
    }
}
