package org.lianxin.signaling.live;

import java.util.List;
import java.util.Objects;

/**
 * Where a live room's media is on the media node, told to the host each time it changes, so that another application
 * instance taking the room over can claim the room's media session instead of building it anew (issue 14). Called on
 * the rooms' events thread, never under a room's lock; the host writes it where a successor finds it (the application:
 * its database, fenced by the room's lease).
 */
public interface RoomMediaJournal {

    /** Nothing recorded (one instance, tests). */
    RoomMediaJournal NONE = new RoomMediaJournal() {
        @Override
        public void changed(State state) {
        }

        @Override
        public void ended(String roomId) {
        }
    };

    /**
     * A participant's endpoint on the node: its publisher ({@code feed}) or its subscriber ({@code subscribedTo}: the
     * participants it receives).
     */
    record Endpoint(long handle, String participantId, boolean publisher, Long feed, List<String> subscribedTo) {
        public Endpoint {
            Objects.requireNonNull(participantId, "participantId");
            subscribedTo = subscribedTo == null ? List.of() : List.copyOf(subscribedTo);
        }
    }

    /**
     * The room's media now: on node {@code node} (its configured name) in the media server's session {@code session},
     * in the node's room {@code nodeRoom} guarded by {@code nodeRoomSecret}, with these endpoints.
     */
    record State(String roomId, String node, long session, long nodeRoom, String nodeRoomSecret,
                 List<Endpoint> endpoints) {
        public State {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(nodeRoomSecret, "nodeRoomSecret");
            endpoints = List.copyOf(endpoints);
        }

        @Override
        public String toString() { // never the secret
            return "State[" + roomId + " on " + node + " session " + session + " room " + nodeRoom + ", "
                    + endpoints + "]";
        }
    }

    /** The room's media changed (an endpoint made or closed, the room made on a node). */
    void changed(State state);

    /** The room ended and its media was closed: nothing to claim any more. */
    void ended(String roomId);
}
