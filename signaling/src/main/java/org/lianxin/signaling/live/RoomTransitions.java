package org.lianxin.signaling.live;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.lianxin.signaling.protocol.IceServer;
import org.lianxin.signaling.protocol.ServerMessage;
import org.lianxin.signaling.room.CloseConnection;
import org.lianxin.signaling.room.MediaAction;
import org.lianxin.signaling.room.Outbound;
import org.lianxin.signaling.room.Room;
import org.lianxin.signaling.room.RoomEvent;
import org.lianxin.signaling.room.Transition;
import org.lianxin.signaling.token.SessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries out a live room's {@link Transition}s in their order: the refusal to the requester, an admission's resumes
 * for those already in the room ({@link #namingFirst}), the messages, the closes, the other media actions (through
 * {@link MediaSession}), the events (to the listener, on the events thread), then the room's next deadline. Guarded
 * by the room's lock: called with it held, as {@link LiveRoom} does.
 */
final class RoomTransitions {

    /** The room's logger, as before the split. */
    private static final Logger log = LoggerFactory.getLogger(LiveRoom.class);

    private final String roomId;
    private final Room room;
    private final RoomConnections connections;
    private final MediaSession media;
    private final MediaPathReports mediaPaths;
    private final java.util.Map<String, IceServerGrants> iceGrants;
    private final RoomEventListener listener;
    private final ExecutorService events;
    private final RoomDeadline deadline;

    RoomTransitions(String roomId, Room room, RoomConnections connections, MediaSession media,
                    MediaPathReports mediaPaths, java.util.Map<String, IceServerGrants> iceGrants,
                    RoomEventListener listener, ExecutorService events, RoomDeadline deadline) {
        this.roomId = roomId;
        this.room = room;
        this.connections = connections;
        this.media = media;
        this.mediaPaths = mediaPaths;
        this.iceGrants = iceGrants;
        this.listener = listener;
        this.events = events;
        this.deadline = deadline;
    }

    /** Carries out {@code t} in its order. Caller holds the lock. */
    void apply(Transition t, String requester, String correlation) {
        apply(t, requester, correlation, true);
    }

    /** The joiner's {@code joined} message with its ICE servers, first of the transition's messages. */
    void sendJoinedWith(Transition t, String participant, List<IceServer> ice) {
        for (Outbound o : t.messages()) {
            if (o.participantId().equals(participant) && o.message() instanceof ServerMessage.Joined j) {
                connections.send(participant, j.withIceServers(ice));
            }
        }
    }

    /** Carries out {@code t}; {@code sendJoined} false: the joiner's {@code joined} was sent already (with TURN). */
    void apply(Transition t, String requester, String correlation, boolean sendJoined) {
        if (t.refused() && requester != null) {
            connections.send(requester, t.refusal().withCorrelation(correlation));
        }
        List<MediaAction> first = namingFirst(t);
        for (MediaAction a : first) {
            carryOut(a, requester, correlation);
        }
        for (Outbound o : t.messages()) {
            if (!sendJoined && o.message() instanceof ServerMessage.Joined) {
                continue;
            }
            connections.send(o.participantId(), o.message());
        }
        for (CloseConnection c : t.closes()) {
            connections.close(c);
        }
        for (MediaAction a : t.media()) {
            if (first.stream().noneMatch(f -> f == a)) { // each action once (records: by identity)
                carryOut(a, requester, correlation);
            }
        }
        for (RoomEvent e : t.events()) {
            if (e instanceof RoomEvent.ParticipantLeft left) {
                connections.left(left.participantId());
                mediaPaths.forget(left.participantId());
                iceGrants.remove(left.participantId());
            }
            SessionRef session = room.session();
            events.execute(() -> {
                try (var mdc = MDC.putCloseable("room", roomId)) {
                    listener.onRoomEvent(roomId, session, e);
                } catch (RuntimeException ex) {
                    log.warn("room {}: event listener failed on {}", roomId, e, ex);
                }
            });
        }
        scheduleTick();
    }

    private void carryOut(MediaAction a, String requester, String correlation) {
        String actor = MediaSession.participantOf(a);
        media.carryOut(a, actor != null && actor.equals(requester) ? correlation : null);
    }

    /**
     * An admission's resumes on the connections of those already in the room ({@link MediaAction.ResumeHeld} for
     * someone not admitted by {@code t}): carried out before the messages. When the room's media order is idle — the
     * streams were sent while the admission was written ({@link MediaSession#admitting}) — a resume runs at once and
     * its naming of the newcomer's streams goes out ahead of {@code participantJoined}, so the page draws the newcomer's
     * tile with its video in one go instead of drawing it empty and again at the naming (issue 10, the console's first
     * frame). Otherwise it is queued as before and the naming follows. The admitted one's own resume stays after its
     * {@code admitted}: its page is told whose the streams are only once in the session.
     */
    private static List<MediaAction> namingFirst(Transition t) {
        Set<String> admitted = new HashSet<>();
        for (Outbound o : t.messages()) {
            if (o.message() instanceof ServerMessage.Admitted) {
                admitted.add(o.participantId());
            }
        }
        return t.media().stream().filter(a -> a instanceof MediaAction.ResumeHeld r
                && !admitted.contains(r.participantId())).toList();
    }

    /** Schedules the room's tick at its next deadline (none once it ended). */
    void scheduleTick() {
        deadline.schedule(room.isEnded() ? Optional.empty() : room.nextDeadline());
    }
}
