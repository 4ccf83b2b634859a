package org.lianxin.web.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingService;
import org.lianxin.web.cluster.Lease;
import org.lianxin.web.cluster.LeaseOwner;
import org.lianxin.web.cluster.RoomPlacement;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.PeriodicTask;
import org.lianxin.web.live.SignalingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Recordings a lost owner left open (issue 14): a recording PENDING or RECORDING whose room's owner lease ran out more
 * than the reconnect grace ({@code lianxin.signaling.reconnect-grace}) ago, with nobody taking the room since, would
 * stay open until that instance comes back — for ever if it never does — and its booking's review would show a live
 * recording. A cluster-wide job ({@link ClusterJobs}: one instance at a time), as often as the grace (at most every
 * minute), ends each one that two runs in a row found so (its lease row unchanged between them): it first takes the
 * room's lease from the lost owner (its fencing epoch moves on, so that owner, if only paused, can no longer renew it
 * or write on the room's behalf; the recording catalog refuses its writes to the ended recording too), ends the
 * recording ({@link RecordingService#endLost}: INTERRUPTED, or EMPTY if nothing was captured, the reason as its gap
 * and in its timeline, its manifest listing what was chained), and gives the lease back, so that the room may open
 * anywhere. Segments the lost owner still holds in its spool are added to the ended recording when it starts again.
 *
 * <p>A recording whose room has no owner at all (only the kiosk's notice or a consultation's switch opened it, no room
 * anywhere yet) is not this job's: the schedule ends it ({@link RecordingScheduleEnds}).
 */
@Component
class LostOwnersRecordings implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LostOwnersRecordings.class);
    static final Duration AT_MOST_EVERY = Duration.ofMinutes(1);

    private final RecordingCatalog catalog;
    private final RecordingService recordings;
    private final RoomPlacement placement;
    private final SignalingProperties signaling;
    private final ClusterJobs jobs;
    private final Clock clock;
    private volatile PeriodicTask task;
    /**
     * The lapsed owners the last run saw, by recording: one is taken for lost only when the next run finds its row
     * unchanged (not renewed meanwhile) — so an owner whose lease lapsed while the database was away for longer than
     * the grace, and that renews as soon as it is back, keeps its room. Read and written by the job's runs only.
     */
    private Map<Long, LeaseOwner> lapsedLastRun = Map.of();

    LostOwnersRecordings(RecordingCatalog catalog, RecordingService recordings, RoomPlacement placement,
                         SignalingProperties signaling, ClusterJobs jobs, Clock clock) {
        this.catalog = catalog;
        this.recordings = recordings;
        this.placement = placement;
        this.signaling = signaling;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** One run: ends the recordings of lost owners; returns their ids. */
    List<Long> sweep() {
        Duration grace = signaling.reconnectGrace();
        Instant lapsedBefore = clock.instant().minus(grace);
        List<Long> ended = new ArrayList<>();
        Map<Long, LeaseOwner> lapsed = new HashMap<>();
        for (Recording r : catalog.unfinished()) {
            Optional<LeaseOwner> owner = placement.owner(r.roomId());
            if (owner.isEmpty() || !lost(owner.get(), lapsedBefore)) {
                continue;
            }
            lapsed.put(r.id(), owner.get());
            if (!owner.get().equals(lapsedLastRun.get(r.id()))) {
                continue; // seen lapsed for the first time (or renewed since): again at the next run
            }
            try (var mdc = MDC.putCloseable("room", r.roomId())) {
                Optional<Lease> taken = placement.takeLapsed(r.roomId(), lapsedBefore);
                if (taken.isEmpty()) {
                    continue; // taken by another instance meanwhile: its owner ends it
                }
                try {
                    String who = owner.get().node() != null ? owner.get().node() : owner.get().holder();
                    String reason = "application instance " + who + " lost; nobody took the room within the reconnect"
                            + " grace (" + grace.toSeconds() + " s)";
                    recordings.endLost(r.id(), reason).ifPresent(done -> {
                        ended.add(done.id());
                        log.warn("recording {} of room {}: its owner {} was lost and nobody took the room: {}",
                                done.id(), r.roomId(), who, done.status());
                    });
                } finally {
                    placement.giveBack(r.roomId());
                }
            } catch (RuntimeException e) {
                log.error("recording {} of room {}: could not be ended after its owner was lost", r.id(), r.roomId(), e);
            }
        }
        lapsedLastRun = lapsed;
        return ended;
    }

    /** Whether the room's owner is lost: its lease ran out before {@code lapsedBefore} (the grace ago). */
    static boolean lost(LeaseOwner owner, Instant lapsedBefore) {
        return owner.expiresAt().isBefore(lapsedBefore);
    }

    /** As often as the grace, at most every minute. */
    static Duration period(Duration grace) {
        return grace.compareTo(AT_MOST_EVERY) < 0 ? grace : AT_MOST_EVERY;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        if (task == null) {
            Duration every = period(signaling.reconnectGrace());
            task = jobs.periodic("recordings of lost owners", every, every, this::sweep);
        }
        task.start();
    }

    @Override
    public void stop() {
        if (task != null) {
            task.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return task != null && task.isRunning();
    }

    /** Stops with the sweeps, before the live rooms and the recorder it ends recordings with. */
    @Override
    public int getPhase() {
        return LifecyclePhases.INTERRUPTED_SESSIONS;
    }
}
