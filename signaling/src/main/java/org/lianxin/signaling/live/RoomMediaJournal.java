package org.lianxin.signaling.live;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lianxin.signaling.room.Room;
import org.lianxin.signaling.token.Role;

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
     * A participant's endpoint on the node: its publisher ({@code feed}; {@code sections}: the media sections it
     * publishes, each {@code kind:mid}) or its subscriber ({@code subscribedTo}: the participants it receives).
     */
    record Endpoint(long handle, String participantId, boolean publisher, Long feed, List<String> subscribedTo,
                    List<String> sections) {
        public Endpoint {
            Objects.requireNonNull(participantId, "participantId");
            subscribedTo = subscribedTo == null ? List.of() : List.copyOf(subscribedTo);
            sections = sections == null ? List.of() : List.copyOf(sections);
        }

        public Endpoint(long handle, String participantId, boolean publisher, Long feed, List<String> subscribedTo) {
            this(handle, participantId, publisher, feed, subscribedTo, List.of());
        }
    }

    /**
     * A participant's place in the room, for a successor to hold it while the participant reconnects (issue 14): its
     * name, role ({@code Role} name), whether it was admitted (not in the lobby) and server-side muted.
     */
    record Member(String participantId, String displayName, String role, boolean admitted, boolean audioMuted,
                  boolean videoMuted) {
        public Member {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(role, "role");
            displayName = displayName == null ? "" : displayName;
        }

        /** The place as recorded. */
        static Member of(Room.HeldPlace place) {
            return new Member(place.participantId(), place.displayName(), place.role().name(), place.admitted(),
                    place.audioMuted(), place.videoMuted());
        }

        /** The place to hold; empty for a role this version does not know (that participant joins anew). */
        Optional<Room.HeldPlace> place() {
            Role known;
            try {
                known = Role.valueOf(role);
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
            return Optional.of(new Room.HeldPlace(participantId, displayName, known, admitted, audioMuted,
                    videoMuted));
        }

        @Override
        public String toString() { // no names in logs
            return "Member[" + participantId + " " + role + (admitted ? "" : " lobby") + "]";
        }
    }

    /**
     * The room's media now: on node {@code node} (its configured name) in the media server's session {@code session},
     * in the node's room {@code nodeRoom} guarded by {@code nodeRoomSecret}, with these endpoints.
     */
    record State(String roomId, String node, long session, long nodeRoom, String nodeRoomSecret,
                 List<Endpoint> endpoints, List<Member> members) {
        public State {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(nodeRoomSecret, "nodeRoomSecret");
            endpoints = List.copyOf(endpoints);
            members = members == null ? List.of() : List.copyOf(members);
        }

        public State(String roomId, String node, long session, long nodeRoom, String nodeRoomSecret,
                     List<Endpoint> endpoints) {
            this(roomId, node, session, nodeRoom, nodeRoomSecret, endpoints, List.of());
        }

        @Override
        public String toString() { // never the secret
            return "State[" + roomId + " on " + node + " session " + session + " room " + nodeRoom + ", "
                    + endpoints + ", " + members + "]";
        }
    }

    /** The room's media changed (an endpoint made or closed, the room made on a node). */
    void changed(State state);

    /** The room ended and its media was closed: nothing to claim any more. */
    void ended(String roomId);
}
