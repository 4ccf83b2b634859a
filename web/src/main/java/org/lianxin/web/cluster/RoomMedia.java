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
                        String janusRoomSecret, Instant updatedAt, List<Endpoint> endpoints) {

    public enum Role { PUBLISHER, SUBSCRIBER }

    /**
     * A videoroom handle of the room: a participant's publisher (with its feed) or subscriber (with the participants
     * it receives).
     */
    public record Endpoint(long handleId, String participantId, Role role, Long feedId, List<String> subscribedTo) {
        public Endpoint {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(role, "role");
            subscribedTo = subscribedTo == null ? List.of() : List.copyOf(subscribedTo);
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

        public static Endpoint publisher(long handleId, String participantId, long feedId) {
            return new Endpoint(handleId, participantId, Role.PUBLISHER, feedId, List.of());
        }

        public static Endpoint subscriber(long handleId, String participantId, List<String> subscribedTo) {
            return new Endpoint(handleId, participantId, Role.SUBSCRIBER, null, subscribedTo);
        }
    }

    public RoomMedia {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(mediaNode, "mediaNode");
        Objects.requireNonNull(janusRoomSecret, "janusRoomSecret");
        Objects.requireNonNull(updatedAt, "updatedAt");
        endpoints = List.copyOf(endpoints);
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1, was " + epoch);
        }
    }

    @Override
    public String toString() { // never the room's secret
        return "RoomMedia[" + roomId + " epoch " + epoch + " on " + mediaNode + ", session " + janusSession + ", room "
                + janusRoom + ", " + endpoints.size() + " endpoint(s)]";
    }
}
