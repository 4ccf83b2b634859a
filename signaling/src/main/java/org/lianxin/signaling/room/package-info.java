/**
 * The state machine of one live room ({@link org.lianxin.signaling.room.Room}): participants and
 * roles, the lobby and admission, host moderation, reconnect grace, end. Pure and synchronous:
 * the caller serialises calls (one lock per room) and carries out the returned
 * {@link org.lianxin.signaling.room.Transition}: messages to send, connections to close, media
 * actions for the media layer, and events for bookings and recording. No I/O, no media calls.
 */
package org.lianxin.signaling.room;
