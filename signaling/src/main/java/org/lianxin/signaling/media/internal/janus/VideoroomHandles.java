package org.lianxin.signaling.media.internal.janus;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.Sdp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The videoroom handles of our Janus session and what is sent on them: attaching a handle (one per
 * endpoint), detaching it, the one control handle for room-level requests (attached again in each
 * new session), a plugin {@code message} on a handle (with the browser's SDP as {@code jsep}) that
 * fails with the plugin's error when the reply carries one, and trickled ICE candidates.
 */
final class VideoroomHandles {

    private static final Logger log = LoggerFactory.getLogger(VideoroomHandles.class);
    private static final String VIDEOROOM = "janus.plugin.videoroom";

    /** The control handle of one Janus session. */
    private record Control(long sessionId, CompletableFuture<Long> handle) {
    }

    private final JanusClient client;
    private final URI node;
    private volatile Control control = new Control(0, CompletableFuture.failedFuture(
            new MediaException(Code.MEDIA_NODE_UNREACHABLE, "not connected")));

    VideoroomHandles(JanusClient client, URI node) {
        this.client = client;
        this.node = node;
    }

    /** Attaches a new videoroom handle in the connection's own session; completes with its id. */
    CompletableFuture<Long> attach() {
        return attach(0);
    }

    /** Attaches a new videoroom handle in {@code session} (0: the connection's own); completes with its id. */
    CompletableFuture<Long> attach(long session) {
        ObjectNode attach = client.object();
        attach.put("janus", "attach");
        attach.put("plugin", VIDEOROOM);
        return send(session, attach, false).thenApply(reply -> reply.path("data").path("id").asLong());
    }

    /** Detaches the handle; never fails (a handle Janus no longer has is gone anyway). */
    CompletableFuture<Void> detach(long handle) {
        return detach(0, handle);
    }

    /** Detaches the handle of {@code session} (0: the connection's own); never fails. */
    CompletableFuture<Void> detach(long session, long handle) {
        ObjectNode detach = client.object();
        detach.put("janus", "detach");
        detach.put("handle_id", handle);
        return send(session, detach, false).handle((reply, error) -> {
            if (error != null) {
                log.debug("detach of handle {} failed: {}", handle, error.toString());
            }
            return null;
        });
    }

    /** A synchronous videoroom request on the control handle; returns {@code plugindata.data}. */
    CompletableFuture<JsonNode> controlRequest(ObjectNode body, String what) {
        return controlHandle().thenCompose(handle -> request(handle, body, null, what))
                .thenApply(VideoroomReplies::data);
    }

    /** A request in {@code session}, or in the connection's own session when it is 0. */
    private CompletableFuture<JsonNode> send(long session, ObjectNode message, boolean ackIsFinal) {
        return session == 0 ? client.request(message, ackIsFinal) : client.request(session, message, ackIsFinal);
    }

    /** A videoroom request on a handle of the connection's own session. */
    CompletableFuture<JsonNode> request(long handle, ObjectNode body, Sdp jsep, String what) {
        return request(0, handle, body, jsep, what);
    }

    /**
     * A videoroom request on a handle of {@code session} (0: the connection's own); fails with the plugin's error if
     * the reply carries one.
     */
    CompletableFuture<JsonNode> request(long session, long handle, ObjectNode body, Sdp jsep, String what) {
        ObjectNode message = client.object();
        message.put("janus", "message");
        message.put("handle_id", handle);
        message.set("body", body);
        if (jsep != null) {
            ObjectNode j = message.putObject("jsep");
            j.put("type", jsep.type() == Sdp.Type.OFFER ? "offer" : "answer");
            j.put("sdp", jsep.sdp());
        }
        return send(session, message, false).handle((reply, error) -> {
            if (error != null) {
                MediaException m = MediaException.in(error).orElse(null);
                if (m != null && m.serverCode().isPresent()) {
                    throw new MediaException(m.code(), what + ": " + m.serverReason().orElse(""),
                            m.serverCode().orElse(null), m.serverReason().orElse(null), null);
                }
                throw m != null ? m : new MediaException(Code.MEDIA_SERVER_ERROR, what + " failed", error);
            }
            JsonNode data = VideoroomReplies.data(reply);
            if (data.has("error_code")) {
                throw JanusErrors.videoroom(data.path("error_code").asInt(), data.path("error").asString(""), what);
            }
            return reply;
        });
    }

    /** Trickles the browser's ICE candidate (or its end-of-candidates) to the handle of {@code session} (0: own). */
    CompletableFuture<Void> trickle(long session, long handle, IceCandidate candidate) {
        ObjectNode message = client.object();
        message.put("janus", "trickle");
        message.put("handle_id", handle);
        ObjectNode c = message.putObject("candidate");
        if (candidate.isCompleted()) {
            c.put("completed", true);
        } else {
            c.put("candidate", candidate.candidate());
            if (candidate.sdpMid() != null) {
                c.put("sdpMid", candidate.sdpMid());
            }
            if (candidate.sdpMLineIndex() != null) {
                c.put("sdpMLineIndex", candidate.sdpMLineIndex());
            }
        }
        return send(session, message, true).thenAccept(reply -> { });
    }

    /** The current session's control handle, attached on first use in each session (and after a failed attach). */
    private CompletableFuture<Long> controlHandle() {
        Control c = control;
        long session = client.sessionId();
        if (session == 0) {
            return CompletableFuture.failedFuture(new MediaException(Code.MEDIA_NODE_UNREACHABLE,
                    "Janus " + node + " is not connected (" + client.lastProblem() + ")"));
        }
        if (c.sessionId() == session && !c.handle().isCompletedExceptionally()) {
            return c.handle();
        }
        synchronized (this) {
            c = control;
            if (c.sessionId() != session || c.handle().isCompletedExceptionally()) {
                c = new Control(session, attach());
                control = c;
            }
            return c.handle();
        }
    }
}
