package org.lianxin.signaling.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A live room's one scheduled tick at its room's next deadline (the end of a reconnect grace). Guarded by the room's
 * lock: every method is called with it held, as {@link LiveRoom} does; the tick itself runs on the timer.
 */
final class RoomDeadline {

    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Runnable onDue;
    private ScheduledFuture<?> tick;
    private Instant tickAt;

    RoomDeadline(ScheduledExecutorService timer, Clock clock, Runnable onDue) {
        this.timer = timer;
        this.clock = clock;
        this.onDue = onDue;
    }

    /** Schedules the tick at {@code next} (none: no tick), unless it is scheduled for then already. */
    void schedule(Optional<Instant> next) {
        if (next.isEmpty()) {
            if (tick != null) {
                tick.cancel(false);
                tick = null;
                tickAt = null;
            }
            return;
        }
        if (next.get().equals(tickAt)) {
            return;
        }
        if (tick != null) {
            tick.cancel(false);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), next.get()).toMillis()) + 5;
        tickAt = next.get();
        tick = timer.schedule(onDue, delay, TimeUnit.MILLISECONDS);
    }

    /** The tick ran: nothing is scheduled. */
    void fired() {
        tick = null;
        tickAt = null;
    }

    /** Cancels the scheduled tick, if any (a dropped claim). */
    void cancel() {
        if (tick != null) {
            tick.cancel(false);
        }
    }

    /** Cancels the scheduled tick, if any, for good (the room closed). */
    void stop() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }
}
