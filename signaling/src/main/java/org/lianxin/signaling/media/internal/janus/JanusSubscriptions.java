package org.lianxin.signaling.media.internal.janus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;
import org.lianxin.signaling.media.EndpointId;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.MediaException;
import org.lianxin.signaling.media.MediaException.Code;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.ReceiveQuality;
import org.lianxin.signaling.media.Sdp;
import org.lianxin.signaling.media.Subscription;
import org.lianxin.signaling.media.internal.janus.JanusEndpoints.Endpoint;
import org.lianxin.signaling.media.internal.janus.JanusEndpoints.Role;

/**
 * The subscriber endpoints of a {@link JanusMediaEngine}: joining as a subscriber (to feeds, or idle), updating, holding
 * and pausing what is sent, ICE restart, receive layer and start. Each handle's requests go to its room's own session
 * (0: the connection's own). No state of its own; thread-safe as its parts are.
 */
final class JanusSubscriptions {

    private final VideoroomHandles handles;
    private final VideoroomRequests requests;
    private final JanusEndpoints endpoints;
    private final ToLongFunction<MediaRoomId> roomSession;

    JanusSubscriptions(VideoroomHandles handles, VideoroomRequests requests, JanusEndpoints endpoints,
                       ToLongFunction<MediaRoomId> roomSession) {
        this.handles = handles;
        this.requests = requests;
        this.endpoints = endpoints;
        this.roomSession = roomSession;
    }

    private long session(MediaRoomId room) {
        return roomSession.applyAsLong(room);
    }

    private long session(Endpoint e) {
        return session(e.room());
    }

    CompletableFuture<Subscription> subscribe(MediaRoomId room, List<FeedId> feedIds) {
        if (feedIds.isEmpty()) {
            return CompletableFuture.failedFuture(new MediaException(Code.MEDIA_INVALID_REQUEST,
                    "subscribe to at least one feed"));
        }
        long s = session(room);
        return handles.attach(s).thenCompose(handle -> handles.request(s, handle,
                        requests.joinAsSubscriber(room, feedIds), null, "subscribe in " + room + " to " + feedIds)
                .thenApply(reply -> {
                    Sdp offer = VideoroomReplies.jsep(reply, "subscribe");
                    Endpoint e = endpoints.addSubscriber(handle, room);
                    return new Subscription(room, e.id(), feedIds, offer,
                            VideoroomReplies.streams(VideoroomReplies.data(reply)));
                })
                .whenComplete((sub, error) -> {
                    if (error != null) {
                        handles.detach(s, handle);
                    }
                }));
    }

    CompletableFuture<Subscription> subscribeIdle(MediaRoomId room, FeedId own, String mid) {
        long s = session(room);
        return handles.attach(s).thenCompose(handle -> handles.request(s, handle, requests.joinIdle(room, own, mid),
                        null, "idle subscription in " + room + " on " + own)
                .thenCompose(reply -> handles.request(s, handle, requests.sendNothing(), null,
                                "idle subscription in " + room + ": send nothing")
                        .thenApply(configured -> {
                            Sdp offer = VideoroomReplies.jsep(reply, "idle subscription");
                            Endpoint e = endpoints.addSubscriber(handle, room);
                            return new Subscription(room, e.id(), List.of(), offer, List.of());
                        }))
                .whenComplete((sub, error) -> {
                    if (error != null) {
                        handles.detach(s, handle);
                    }
                }));
    }

    CompletableFuture<Subscription> updateSubscription(EndpointId subscriber, List<FeedId> add,
                                                               List<FeedId> remove) {
        Endpoint e = endpoints.get(subscriber, Role.SUBSCRIBER);
        if (e == null) {
            return JanusEndpoints.lost(subscriber);
        }
        return handles.request(session(e), e.id().value(), requests.updateSubscription(add, remove), null,
                "update of " + subscriber + " (+" + add + " -" + remove + ")").thenApply(reply -> {
                    if ("updating".equals(VideoroomReplies.data(reply).path("videoroom").asString(""))) {
                        // its last offer is not answered yet: Janus would send the new one later, on its own
                        throw new MediaException(Code.MEDIA_INVALID_REQUEST, "update of " + subscriber
                                + ": the connection's last offer is not answered yet");
                    }
                    return new Subscription(e.room(), e.id(), add, VideoroomReplies.jsepIfAny(reply),
                            VideoroomReplies.streams(VideoroomReplies.data(reply)));
                });
    }

    CompletableFuture<Subscription> holdFeeds(EndpointId subscriber, java.util.Map<FeedId, List<String>> hold,
                                                     List<FeedId> remove) {
        Endpoint e = endpoints.get(subscriber, Role.SUBSCRIBER);
        if (e == null) {
            return JanusEndpoints.lost(subscriber);
        }
        return handles.request(session(e), e.id().value(), requests.holdFeeds(hold, remove), null,
                "paused update of " + subscriber + " (+" + hold.keySet() + " -" + remove + ")").thenApply(reply -> {
                    if ("updating".equals(VideoroomReplies.data(reply).path("videoroom").asString(""))) {
                        throw new MediaException(Code.MEDIA_INVALID_REQUEST, "update of " + subscriber
                                + ": the connection's last offer is not answered yet");
                    }
                    return new Subscription(e.room(), e.id(), List.copyOf(hold.keySet()),
                            VideoroomReplies.jsepIfAny(reply), VideoroomReplies.streams(VideoroomReplies.data(reply)));
                });
    }

    CompletableFuture<Void> sendStreams(EndpointId subscriber, List<String> mids, boolean send) {
        Endpoint e = endpoints.get(subscriber, Role.SUBSCRIBER);
        if (e == null) {
            return JanusEndpoints.lost(subscriber);
        }
        return handles.request(session(e), e.id().value(), requests.sendStreams(mids, send), null,
                (send ? "send " : "pause ") + mids + " on " + subscriber).thenAccept(reply -> { });
    }

    CompletableFuture<Sdp> restartSubscription(EndpointId subscriber) {
        Endpoint e = endpoints.get(subscriber, Role.SUBSCRIBER);
        if (e == null) {
            return JanusEndpoints.lost(subscriber);
        }
        return handles.request(session(e), e.id().value(), requests.restartSubscription(), null, "ICE restart of " + subscriber)
                .thenApply(reply -> VideoroomReplies.jsep(reply, "ICE restart"));
    }

    CompletableFuture<Void> setReceiveQuality(EndpointId subscriber, ReceiveQuality quality) {
        Endpoint e = endpoints.get(subscriber, Role.SUBSCRIBER);
        if (e == null) {
            return JanusEndpoints.lost(subscriber);
        }
        return handles.request(session(e), e.id().value(), requests.receiveQuality(quality), null,
                "receive the " + quality + " layer on " + subscriber).thenAccept(reply -> { });
    }

    CompletableFuture<Void> startSubscription(EndpointId subscriber, Sdp answer) {
        Endpoint e = endpoints.get(subscriber, Role.SUBSCRIBER);
        if (e == null) {
            return JanusEndpoints.lost(subscriber);
        }
        return handles.request(session(e), e.id().value(), requests.start(), answer, "start subscription " + subscriber)
                .thenAccept(reply -> { });
    }
}
