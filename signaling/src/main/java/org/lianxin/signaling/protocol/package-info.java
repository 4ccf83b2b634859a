/**
 * The browser protocol of live rooms: typed messages ({@link org.lianxin.signaling.protocol.ClientMessage},
 * {@link org.lianxin.signaling.protocol.ServerMessage}), numbered error codes
 * ({@link org.lianxin.signaling.protocol.ErrorCode}) and the one codec that turns them into JSON text
 * and back ({@link org.lianxin.signaling.protocol.ProtocolCodec}); wire names live in
 * {@code ProtocolNames} only. Pure Java; no I/O.
 */
package org.lianxin.signaling.protocol;
