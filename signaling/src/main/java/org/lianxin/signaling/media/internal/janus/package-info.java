/**
 * The Janus 1.1 adapter of the media port ({@link org.lianxin.signaling.media.MediaEngine}): the
 * only code that speaks Janus's JSON. {@link org.lianxin.signaling.live.JanusNode} builds it; only
 * {@link org.lianxin.signaling.media.internal.janus.JanusMediaEngine} and
 * {@link org.lianxin.signaling.media.internal.janus.JanusSettings} are public.
 *
 * <p>Where each behaviour lives:
 * <ul>
 *   <li>{@code JanusMediaEngine} — the port's operations, each composed from the parts below, and
 *       the node's health;</li>
 *   <li>{@code JanusClient} — the Janus session over one WebSocket at a time: connect, loss, reconnect
 *       with back-off, reclaim of the dropped connection's sessions, the one event thread;
 *       {@code JanusConnection} — one WebSocket and its sessions: transactions (ack vs. event, kept by
 *       {@code JanusTransactions}), what Janus sends back, keepalive, room sessions made, claimed, destroyed;</li>
 *   <li>{@code VideoroomHandles} — attach/detach, the control handle for room-level requests,
 *       plugin messages on a handle (with the SDP as {@code jsep}) and their errors, trickle;</li>
 *   <li>{@code VideoroomRequests} / {@code VideoroomReplies} — the videoroom request bodies
 *       (create, join, configure, moderate, kick, rtp_forward…) and what their replies say;</li>
 *   <li>{@code JanusEndpoints} — which handle is which endpoint, the feeds per room, the rooms
 *       created in this session (bookkeeping only);</li>
 *   <li>{@code JanusEventTranslator} — Janus's events and the session lost/back as
 *       {@link org.lianxin.signaling.media.MediaEvent}s for each room's listeners;</li>
 *   <li>{@code AdminStreamStats} over {@code JanusAdminClient} — per-stream counters from the Admin API;</li>
 *   <li>{@code JanusErrors} — Janus's core and videoroom error numbers mapped to ours.</li>
 * </ul>
 */
package org.lianxin.signaling.media.internal.janus;
