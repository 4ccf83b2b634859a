package org.lianxin.web.recording;

import org.lianxin.web.cluster.DatabaseNotices;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.live.RoomSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Where the REST API hands a consultation's recording switch, once the consultation's row holds it (committed): the
 * room's recording follows it on the instance owning the room, whichever instance the call reached (issue 14; the work
 * is {@link RecordingRoomEvents}', in the room's order). Made here while another instance owns the room, it is told
 * to every instance by a notice ({@code NOTIFY lianxin_recording_switch, '<room id>'}, through the instance's
 * {@link DatabaseNotices}), and the owner follows it at once; each instance also reads the switches of the
 * consultations it records every {@code lianxin.recording.switch-check} (5 s), and at once when notices may have been
 * missed (its listening connection broke): the safety net, and all there is on H2 (one instance: it owns every room).
 * Starts after the room events' worker and stops before it.
 */
@Component
public class RecordingSwitches implements SmartLifecycle {
    static final String CHANNEL = "lianxin_recording_switch";
    private static final Logger log = LoggerFactory.getLogger(RecordingSwitches.class);

    private final RecordingRoomEvents roomEvents;
    private final DatabaseNotices notices;
    /** How often the switches of the consultations followed are read (read at the start, not at construction). */
    private final RecordingProperties props;
    private DatabaseNotices.Subscription subscription;
    private volatile boolean running;

    RecordingSwitches(RecordingRoomEvents roomEvents, DatabaseNotices notices, RecordingProperties props) {
        this.roomEvents = roomEvents;
        this.notices = notices;
        this.props = props;
    }

    /** The host ({@code by}) switched the consultation's recording; its row says on or off. */
    public void switched(RoomSubject.Consultation subject, String by) {
        roomEvents.consultationSwitched(subject, by, () -> notices.send(CHANNEL, subject.roomId()));
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        subscription = notices.subscribe(CHANNEL, "recording-switch-check", props.switchCheck(),
                roomEvents::checkSwitchesSoon, roomEvents::switchNoticed);
        log.info("recording switches made through another instance: followed by the room's owner {}, and read every"
                + " {} (lianxin.recording.switch-check)", notices.listens() ? "at once (PostgreSQL NOTIFY)"
                : "(one instance: always here)", props.switchCheck());
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.RECORDING_ROOM_EVENTS + 1;
    }
}
