package org.lianxin.web.reception;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingQuery;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.PeriodicTask;
import org.lianxin.web.live.LiveRoomListener;
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.live.SignalingProperties;
import org.lianxin.web.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Bookings a crash left IN_SESSION end as INTERRUPTED when nobody continues them: at start and then as often as the
 * reconnect grace ({@code lianxin.signaling.reconnect-grace}, at most every minute), each booking IN_SESSION whose
 * slot ended more than the grace ago is ended ({@code Bookings.interrupt}, the reason in its history; the scheduler
 * then tells {@code BookingClosed}) — unless its room is open here (a live session running over its time ends with
 * its room, {@link BookingSessions}), or its room was followed by this run of the server (its end completes it).
 * So only a session whose room went away with a previous run of the server, and that nobody reopened, is ended.
 *
 * <p>Runs on the one instance holding its lease ({@link ClusterJobs}), and assumes that instance holds the live rooms
 * (see the README's deployment notes: which instance owns a room is not in the database yet); stops before the
 * live rooms ({@link LifecyclePhases#INTERRUPTED_SESSIONS}), so rooms closed by a stop are never taken for abandoned.
 */
@Component
@Order(BookingSessions.ORDER + 2)
class InterruptedSessions implements LiveRoomListener, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(InterruptedSessions.class);
    static final Duration AT_MOST_EVERY = Duration.ofMinutes(1);
    static final String REASON = "the session was cut off (the server stopped or crashed) and nobody continued it"
            + " within the reconnect grace after its end";

    private final Bookings bookings;
    private final SystemActor system;
    private final ObjectProvider<LiveRooms> rooms; // LiveRooms delivers our events: looked up late
    private final Clock clock;
    private final Duration grace;
    /** Bookings whose room this run of the server follows (from its first event to its end). */
    private final Set<Long> followed = ConcurrentHashMap.newKeySet();
    private final PeriodicTask task;

    InterruptedSessions(Bookings bookings, SystemActor system, ObjectProvider<LiveRooms> rooms, Clock clock,
                        SignalingProperties props, ClusterJobs jobs) {
        this.bookings = bookings;
        this.system = system;
        this.rooms = rooms;
        this.clock = clock;
        this.grace = props.reconnectGrace();
        this.task = jobs.periodic("interrupted sessions", Duration.ZERO, period(), this::sweep);
    }

    /** Ends what a previous run of the server left IN_SESSION; returns the bookings it ended. */
    List<Long> sweep() {
        Instant now = clock.instant();
        Instant endedBefore = now.minus(grace);
        List<Long> ended = new ArrayList<>();
        Optional<Actor> actor = system.find();
        if (actor.isEmpty()) {
            return ended; // no office yet, so no booking
        }
        LiveRooms live = rooms.getObject();
        for (Booking b : bookings.list(actor.get(), new BookingQuery(null, null, null, null, BookingState.IN_SESSION,
                null, endedBefore))) {
            if (b.end().isAfter(endedBefore) || followed.contains(b.id()) || live.isOpen(RoomSubject.reception(b.id()).roomId())) {
                continue;
            }
            try (var mdc = MDC.putCloseable("booking", Long.toString(b.id()))) {
                bookings.interrupt(actor.get(), b.id(), REASON);
                ended.add(b.id());
                log.warn("booking {}: IN_SESSION since before the last start, its slot ended at {} and nobody continued"
                        + " it: INTERRUPTED", b.id(), b.end());
            } catch (SchedulerException e) { // changed meanwhile (its room reopened and ended it, say)
                log.info("booking {}: not ended as interrupted: {} ({})", b.id(), e.getMessage(), e.rule());
            }
        }
        return ended;
    }

    // ------------------------------------------------------------------ rooms this run follows

    /** A reception's room is followed from its first event to its end (after BookingSessions followed that end). */
    @Override
    public void onRoomEvent(RoomSubject subject, RoomEvent event) {
        if (subject instanceof RoomSubject.Reception reception) {
            if (event instanceof RoomEvent.SessionEnded) {
                followed.remove(reception.bookingId());
            } else {
                followed.add(reception.bookingId());
            }
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** As often as the grace, at most every minute. */
    Duration period() {
        return grace.compareTo(AT_MOST_EVERY) < 0 ? grace : AT_MOST_EVERY;
    }

    @Override
    public void start() {
        task.start();
    }

    @Override
    public void stop() {
        task.stop(); // a sweep under way is interrupted between bookings (each ends in its own transaction)
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.INTERRUPTED_SESSIONS;
    }
}
