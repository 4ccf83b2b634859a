/**
 * Live rooms at work: the registry of {@link org.lianxin.signaling.room.Room}s ({@link
 * org.lianxin.signaling.live.LiveRooms}, one lock per room) that carries out each
 * {@link org.lianxin.signaling.room.Transition} — messages and closes through {@link
 * org.lianxin.signaling.live.Connections}, media actions through the {@link
 * org.lianxin.signaling.media.MediaEngine}, events to a {@link org.lianxin.signaling.live.RoomEventListener}
 * — and the browser's WebSocket endpoint ({@link org.lianxin.signaling.live.SignalingEndpoint}).
 * Also the one place outside the adapter that may build a Janus engine ({@link
 * org.lianxin.signaling.live.JanusNode}) and write a Janus configuration ({@link
 * org.lianxin.signaling.live.JanusConfig}).
 */
package org.lianxin.signaling.live;
