package org.lianxin.signaling.media;

import java.util.List;
import java.util.Objects;

/**
 * A media room left by a lost application instance, to be taken over with its media kept (issue 14): on media node
 * {@code node} (its configured name), in the media server's session {@code session} that holds the room's endpoints,
 * the room as created ({@code spec}: id and secret) and every endpoint it had.
 */
public record RoomClaim(String node, long session, RoomSpec spec, List<Endpoint> endpoints) {

    /** An endpoint of the claimed session: a publisher (with its feed) or a subscriber. */
    public record Endpoint(EndpointId id, boolean publisher, FeedId feed, java.util.Set<String> simulcastMids) {
        public Endpoint {
            Objects.requireNonNull(id, "id");
            if (publisher && feed == null) {
                throw new IllegalArgumentException("a publisher has a feed");
            }
            simulcastMids = simulcastMids == null ? java.util.Set.of() : java.util.Set.copyOf(simulcastMids);
        }

        /** An endpoint whose feed (if any) sends one layer per video section. */
        public Endpoint(EndpointId id, boolean publisher, FeedId feed) {
            this(id, publisher, feed, java.util.Set.of());
        }
    }

    public RoomClaim {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(spec, "spec");
        endpoints = List.copyOf(endpoints);
        if (session == 0) {
            throw new IllegalArgumentException("no session to claim");
        }
    }

    public MediaRoomId room() {
        return spec.id();
    }

    @Override
    public String toString() { // never the room's secret
        return "RoomClaim[" + spec.id() + " on " + node + ", session " + session + ", " + endpoints.size()
                + " endpoint(s)]";
    }
}
