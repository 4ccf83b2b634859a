package org.lianxin.signaling.live;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.lianxin.signaling.live.MediaEndpoints.Endpoints;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.protocol.PeerConnectionKind;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.MediaAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICE restarts on a participant's existing endpoints (its media path failed while its signaling
 * connection lives): the feed, the streams, the subscribers and the recorder's forwarders stay as
 * they are. Publisher: the node gets the browser's ICE-restart offer on the same endpoint (Janus: a
 * {@code configure} with the offer) and the answer goes back. Subscriber: the node makes a restarted
 * offer for the same endpoint (Janus: {@code configure} with {@code restart}), which goes to the
 * browser as {@code restartOffer}; its answer completes it like any subscription's.
 *
 * <p>One step of the room's {@link MediaChain} (called by {@link MediaSession}); takes the room's
 * lock only to read the endpoints and to send, never while waiting for the node.
 */
final class IceRestartActions {

    private static final Logger log = LoggerFactory.getLogger(IceRestartActions.class);

    private final LiveRoom owner;
    private final ReentrantLock lock;
    private final MediaEngine media;
    private final MediaEndpoints endpoints;

    IceRestartActions(LiveRoom owner, ReentrantLock lock, MediaEngine media, MediaEndpoints endpoints) {
        this.owner = owner;
        this.lock = lock;
        this.media = media;
        this.endpoints = endpoints;
    }

    CompletableFuture<Void> restart(MediaAction.RestartIce a) {
        String id = a.participantId();
        EndpointId endpoint;
        lock.lock();
        try {
            Endpoints e = endpoints.of(id);
            endpoint = e == null ? null : a.target() == PeerConnectionKind.PUBLISHER ? e.publisher : e.subscriber;
            if (endpoint != null && a.target() == PeerConnectionKind.SUBSCRIBER) {
                e.subscriberAnswered = false; // no update of it until the restarted offer is answered
            }
        } finally {
            lock.unlock();
        }
        if (endpoint == null) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                    "no " + a.target().name().toLowerCase() + " endpoint of " + id + " to restart"));
        }
        log.info("room {}: restarting ICE on the {} endpoint of {}", owner.roomId(), a.target().name().toLowerCase(), id);
        if (a.target() == PeerConnectionKind.PUBLISHER) {
            return media.publish(endpoint, Sdp.offer(a.sdpOffer()))
                    .thenAccept(answer -> send(id, endpoint, true, new ServerMessage.Answer(answer.sdp())));
        }
        return media.restartSubscription(endpoint)
                .thenAccept(offer -> send(id, endpoint, false, new ServerMessage.RestartOffer(offer.sdp())));
    }

    /** Sends the node's SDP if the endpoint is still the participant's (not replaced or closed meanwhile). */
    private void send(String id, EndpointId endpoint, boolean publisher, ServerMessage message) {
        lock.lock();
        try {
            Endpoints e = endpoints.of(id);
            EndpointId now = e == null ? null : publisher ? e.publisher : e.subscriber;
            if (!endpoint.equals(now)) {
                throw new MediaException(MediaException.Code.MEDIA_INVALID_REQUEST,
                        "the endpoint of " + id + " was replaced during the ICE restart");
            }
            owner.send(id, message);
        } finally {
            lock.unlock();
        }
    }
}
