package org.lianxin.web.live;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lianxin.signaling.live.RoomEventListener;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.SessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one listener the live rooms call: resolves the room's subject once per event and hands the event to the
 * features' {@link LiveRoomListener}s in order. One failing listener does not keep the event from the others.
 */
final class LiveRoomEvents implements RoomEventListener {
    private static final Logger log = LoggerFactory.getLogger(LiveRoomEvents.class);

    /** Rooms already warned about, so that an unfollowed room warns once, not on each of its events. */
    private static final int MAX_WARNED_ROOMS = 1_000;

    private final List<LiveRoomListener> features;
    private final Set<String> warnedRooms = ConcurrentHashMap.newKeySet();

    LiveRoomEvents(List<LiveRoomListener> features) {
        this.features = List.copyOf(features);
    }

    @Override
    public void onRoomEvent(String roomId, SessionRef session, RoomEvent event) {
        Optional<RoomSubject> subject = RoomSubject.of(roomId, session);
        if (subject.isEmpty()) {
            if (warnedRooms.size() >= MAX_WARNED_ROOMS) {
                warnedRooms.clear();
            }
            if (warnedRooms.add(roomId)) {
                log.warn("room {}: session {} {} is neither a booking nor a consultation; its events are not followed",
                        roomId, session.kind(), session.id());
            } else {
                log.debug("room {}: {} not followed", roomId, event.getClass().getSimpleName());
            }
            return;
        }
        try (var mdc = MDC.putCloseable("room", roomId)) {
            for (LiveRoomListener l : features) {
                try {
                    l.onRoomEvent(subject.get(), event);
                } catch (RuntimeException e) {
                    log.warn("room {}: {} failed on {}", roomId, l.getClass().getSimpleName(),
                            event.getClass().getSimpleName(), e);
                }
            }
        }
    }
}
