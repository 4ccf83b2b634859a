package org.lianxin.web.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a live room's owner keeps in the database for a successor to claim the room's media on Janus (issue 14, table
 * {@code room_media}): the Janus node (its name among the configured media nodes), the Janus session its endpoints live
 * in, the Janus room and its secret, and every endpoint with its role, written under the room lease's {@code epoch}.
 */
public record RoomMedia(String roomId, long epoch, String mediaNode, long janusSession, long janusRoom,
                        String janusRoomSecret, Instant updatedAt, List<Endpoint> endpoints, List<Place> places) {

    public enum Role { PUBLISHER, SUBSCRIBER }

    /**
     * A videoroom handle of the room: a participant's publisher (with its feed) or subscriber (with the participants
     * it receives).
     */
    public record Endpoint(long handleId, String participantId, Role role, Long feedId, List<String> subscribedTo,
                           List<String> published) {
        public Endpoint {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(role, "role");
            subscribedTo = subscribedTo == null ? List.of() : List.copyOf(subscribedTo);
            published = published == null ? List.of() : List.copyOf(published);
            if (handleId == 0) {
                throw new IllegalArgumentException("an endpoint has a handle");
            }
            if (role == Role.PUBLISHER && feedId == null) {
                throw new IllegalArgumentException("a publisher has a feed");
            }
            for (String p : subscribedTo) {
                if (p.contains(",")) {
                    throw new IllegalArgumentException("a participant id with a comma: " + p);
                }
            }
        }

        public Endpoint(long handleId, String participantId, Role role, Long feedId, List<String> subscribedTo) {
            this(handleId, participantId, role, feedId, subscribedTo, List.of());
        }

        public static Endpoint publisher(long handleId, String participantId, long feedId) {
            return new Endpoint(handleId, participantId, Role.PUBLISHER, feedId, List.of());
        }

        /** A publisher with the media sections it sends ({@code kind:mid}). */
        public static Endpoint publisher(long handleId, String participantId, long feedId, List<String> published) {
            return new Endpoint(handleId, participantId, Role.PUBLISHER, feedId, List.of(), published);
        }

        public static Endpoint subscriber(long handleId, String participantId, List<String> subscribedTo) {
            return new Endpoint(handleId, participantId, Role.SUBSCRIBER, null, subscribedTo);
        }
    }

    /**
     * A participant's place in the room (V32), held for it by a successor while it reconnects: its name, its role (the
     * signaling {@code Role} name), whether it was admitted from the lobby, the host's server-side mutes.
     */
    public record Place(String participantId, String displayName, String role, boolean admitted, boolean audioMuted,
                        boolean videoMuted) {
        public Place {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(role, "role");
            displayName = displayName == null ? "" : displayName;
        }

        @Override
        public String toString() { // no names in logs
            return "Place[" + participantId + " " + role + (admitted ? "" : " lobby") + "]";
        }
    }

    /** A record without places (an owner that recorded none). */
    public RoomMedia(String roomId, long epoch, String mediaNode, long janusSession, long janusRoom,
                     String janusRoomSecret, Instant updatedAt, List<Endpoint> endpoints) {
        this(roomId, epoch, mediaNode, janusSession, janusRoom, janusRoomSecret, updatedAt, endpoints, List.of());
    }

    public RoomMedia {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(mediaNode, "mediaNode");
        Objects.requireNonNull(janusRoomSecret, "janusRoomSecret");
        Objects.requireNonNull(updatedAt, "updatedAt");
        endpoints = List.copyOf(endpoints);
        places = places == null ? List.of() : List.copyOf(places);
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1, was " + epoch);
        }
    }

    @Override
    public String toString() { // never the room's secret
        return "RoomMedia[" + roomId + " epoch " + epoch + " on " + mediaNode + ", session " + janusSession + ", room "
                + janusRoom + ", " + endpoints.size() + " endpoint(s), " + places.size() + " place(s)]";
    }
}
