package org.lianxin.web.live;

import org.lianxin.signaling.room.RoomEvent;

/**
 * What a feature does when something happens in a live room, with the room's subject already resolved (a booking's
 * reception or a consultation). Implement it as a bean in the feature that owns the effect (e.g.
 * {@code reception.BookingSessions}: bookings follow their rooms); the live rooms deliver every event to every such
 * bean in their {@link org.springframework.core.annotation.Order @Order}, per room in the room's order, on the
 * rooms' event thread (never under a room's lock). Handle the events with {@link RoomEvent#accept}: its visitor
 * makes each listener decide about every event type. A listener that fails is logged; the others still run.
 */
@FunctionalInterface
public interface LiveRoomListener {
    void onRoomEvent(RoomSubject subject, RoomEvent event);
}
