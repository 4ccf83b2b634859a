package org.lianxin.signaling.media.internal.janus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.lianxin.signaling.media.FeedId;
import org.lianxin.signaling.media.MediaEngine.Registration;
import org.lianxin.signaling.media.MediaEvent;
import org.lianxin.signaling.media.MediaListener;
import org.lianxin.signaling.media.MediaRoomId;
import org.lianxin.signaling.media.internal.janus.JanusEndpoints.Endpoint;
import org.lianxin.signaling.media.internal.janus.JanusEndpoints.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What Janus tells us, as {@link MediaEvent}s for the listeners of each room: a handle's
 * {@code webrtcup}, {@code media} and {@code hangup}; the videoroom's events of publishers arriving
 * and leaving (each reported once, however many handles hear of it); a handle {@code detached};
 * the session lost (every room hears which endpoints it lost) and a new session up after a lost one
 * ({@code NodeRestored}). Also the events our own requests cause: a publisher published, left or was
 * kicked.
 *
 * <p>Janus's messages and the session's ups and downs arrive on {@link JanusClient}'s event thread
 * and are delivered there, in order; the events our requests cause are queued onto that thread
 * ({@code eventThread}), so listeners hear everything on one thread, one event at a time.
 */
final class JanusEventTranslator {

    private static final Logger log = LoggerFactory.getLogger(JanusEventTranslator.class);

    private final JanusEndpoints endpoints;
    private final Executor eventThread;
    private final Map<MediaRoomId, List<MediaListener>> listeners = new ConcurrentHashMap<>();
    private boolean sessionWasUp; // event thread only

    JanusEventTranslator(JanusEndpoints endpoints, Executor eventThread) {
        this.endpoints = endpoints;
        this.eventThread = eventThread;
    }

    /** Delivers the room's events to {@code listener} until the registration is closed. */
    Registration addListener(MediaRoomId room, MediaListener listener) {
        listeners.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(room, (r, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    // ---------------------------------------------------------------- caused by our requests (any thread)

    /** The publisher's offer was answered: its feed publishes (reported if it was not known to). */
    void published(Endpoint publisher) {
        if (endpoints.feedPublishing(publisher.room(), publisher.feed())) {
            emit(new MediaEvent.PublisherJoined(publisher.room(), publisher.feed(), ""));
        }
    }

    /** The endpoint left (we detached it, or Janus did): a publisher's feed is gone. */
    void left(Endpoint e) {
        if (e.role() == Role.PUBLISHER && endpoints.feedGone(e.room(), e.feed())) {
            emit(new MediaEvent.PublisherLeft(e.room(), e.feed()));
        }
    }

    /** The feed was kicked out of the room. */
    void kicked(MediaRoomId room, FeedId feed) {
        if (endpoints.feedGone(room, feed)) {
            emit(new MediaEvent.PublisherLeft(room, feed));
        }
    }

    // ---------------------------------------------------------------- from Janus (event thread)

    /** A Janus session is up: after a lost one, every room with a listener hears that the node is back. */
    void sessionUp() {
        if (sessionWasUp) {
            // a new session after a lost one (Janus restarted, or the connection broke): the rooms may start over
            for (MediaRoomId room : new ArrayList<>(listeners.keySet())) {
                deliver(new MediaEvent.NodeRestored(room));
            }
        }
        sessionWasUp = true;
    }

    /** Everything we had on the node is gone: tell each room which endpoints it lost. */
    void sessionLost(String reason) {
        // also the rooms with a listener: made on an earlier session, or not made yet
        endpoints.sessionLost(listeners.keySet())
                .forEach((room, ids) -> deliver(new MediaEvent.NodeLost(room, ids, reason)));
    }

    /** The rooms with a listener. */
    List<MediaRoomId> rooms() {
        return new ArrayList<>(listeners.keySet());
    }

    /**
     * After a dropped connection whose sessions were claimed again, this room's own session was not (Janus no longer
     * had it): its endpoints are gone, the room hears it lost them and that the node is back — it makes them again.
     */
    void roomSessionLost(MediaRoomId room, String reason) {
        deliver(new MediaEvent.NodeLost(room, endpoints.roomSessionLost(room), reason));
        deliver(new MediaEvent.NodeRestored(room));
    }

    /**
     * After a dropped connection whose sessions were claimed again: the room's participants as Janus has them now
     * (the events raised while nobody held the sessions are lost): a known feed no longer publishing is reported gone,
     * one publishing that was not known is reported joined.
     */
    void reread(MediaRoomId room, List<org.lianxin.signaling.media.Participant> now) {
        java.util.Set<FeedId> publishing = new java.util.HashSet<>();
        for (org.lianxin.signaling.media.Participant p : now) {
            if (p.publishing()) {
                publishing.add(p.feed());
            }
        }
        for (FeedId known : endpoints.feedsOf(room)) {
            if (!publishing.contains(known) && endpoints.feedGone(room, known)) {
                deliver(new MediaEvent.PublisherLeft(room, known));
            }
        }
        for (org.lianxin.signaling.media.Participant p : now) {
            if (p.publishing() && endpoints.feedPublishing(room, p.feed())) {
                deliver(new MediaEvent.PublisherJoined(room, p.feed(), p.display() == null ? "" : p.display()));
            }
        }
    }

    /** A Janus message that is not a reply: route it to the room of the handle that sent it. */
    void onMessage(JsonNode m) {
        String verb = m.path("janus").asString();
        long sender = m.path("sender").asLong();
        Endpoint e = endpoints.ofHandle(sender);
        switch (verb) {
            case "webrtcup" -> {
                if (e != null) {
                    deliver(new MediaEvent.WebRtcUp(e.room(), e.id()));
                }
            }
            case "media" -> {
                if (e != null) {
                    deliver(new MediaEvent.MediaFlow(e.room(), e.id(), m.path("mid").asString(""),
                            m.path("type").asString(""), m.path("receiving").asBoolean(false)));
                }
            }
            case "hangup" -> {
                if (e != null) {
                    deliver(new MediaEvent.Hangup(e.room(), e.id(), m.path("reason").asString("")));
                }
            }
            case "detached" -> {
                Endpoint gone = endpoints.remove(sender);
                if (gone != null) {
                    left(gone);
                }
            }
            case "event" -> onPluginEvent(e, VideoroomReplies.data(m));
            default -> log.trace("Janus {} from handle {} ignored", verb, sender);
        }
    }

    /**
     * A videoroom event: publishers that arrived ({@code publishers}) or left ({@code leaving},
     * {@code unpublished}, {@code kicked}), in the room it names or else the sender's.
     */
    private void onPluginEvent(Endpoint e, JsonNode data) {
        MediaRoomId room = data.has("room") && data.path("room").asLong() > 0
                ? new MediaRoomId(data.path("room").asLong()) : e == null ? null : e.room();
        if (room == null) {
            return;
        }
        for (JsonNode p : data.path("publishers")) {
            FeedId feed = new FeedId(p.path("id").asLong());
            if (endpoints.feedPublishing(room, feed)) {
                deliver(new MediaEvent.PublisherJoined(room, feed, p.path("display").asString("")));
            }
        }
        for (String field : List.of("leaving", "unpublished", "kicked")) {
            JsonNode v = data.get(field);
            if (v != null && v.isNumber()) {
                FeedId feed = new FeedId(v.asLong());
                if (endpoints.feedGone(room, feed)) {
                    deliver(new MediaEvent.PublisherLeft(room, feed));
                }
            }
        }
    }

    // ---------------------------------------------------------------- delivery

    /** Queues the event onto the event thread (for events caused off it). */
    private void emit(MediaEvent event) {
        eventThread.execute(() -> deliver(event));
    }

    /** Hands the event to the room's listeners now (on the event thread); one failing stops no other. */
    private void deliver(MediaEvent event) {
        List<MediaListener> list = listeners.get(event.room());
        if (list == null) {
            return;
        }
        for (MediaListener l : list) {
            try {
                l.onEvent(event);
            } catch (RuntimeException ex) {
                log.warn("media listener failed on {}", event, ex);
            }
        }
    }
}
