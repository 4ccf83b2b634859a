package org.lianxin.signaling.live;

import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.token.SessionRef;

/**
 * Receives what happens in live rooms (for bookings, recording, audit), in order per room, on a
 * thread of its own (never under a room's lock): it may block briefly, e.g. for a database write.
 */
@FunctionalInterface
public interface RoomEventListener {
    void onRoomEvent(String roomId, SessionRef session, RoomEvent event);
}
