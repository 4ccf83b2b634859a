/**
 * Live rooms at work. The API: the registry {@link org.lianxin.signaling.live.LiveRooms} (open,
 * join, end, forward to the recorder), what it needs from its host ({@link
 * org.lianxin.signaling.live.Connections}, {@link org.lianxin.signaling.live.RoomEventListener}), the
 * browser's WebSocket endpoint ({@link org.lianxin.signaling.live.SignalingEndpoint}, {@link
 * org.lianxin.signaling.live.WebSocketConnections}), and the one place outside the adapter that may
 * build a Janus engine ({@link org.lianxin.signaling.live.JanusNode}) and write a Janus configuration
 * ({@link org.lianxin.signaling.live.JanusConfig}).
 *
 * <p>The rest is package-private. Each open room is a {@code LiveRoom}: a pure {@link
 * org.lianxin.signaling.room.Room} behind one lock whose {@link org.lianxin.signaling.room.Transition}s
 * it carries out, with parts named for what they do: {@code RoomConnections} (who is on which
 * connection), {@code MediaSession} with {@code MediaChain}, {@code EndpointActions} and {@code
 * MediaEndpoints} (the room's media on the node, in order), {@code RecorderForwarding} (RTP to the
 * recorder), {@code NodeRecovery} (the media node lost and back) and {@code MediaEventTranslator}
 * (the node's events into room calls). {@code LiveRoom}'s comment says which of them run under the
 * room's lock.
 */
package org.lianxin.signaling.live;
