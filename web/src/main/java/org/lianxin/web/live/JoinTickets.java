package org.lianxin.web.live;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.live.SignalingEndpoint;
import org.lianxin.signaling.token.AccountBinding;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.web.cluster.RoomPlacement;
import org.lianxin.web.cluster.RoomPlacementRule;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The door to a live room, once a feature has decided who joins with which role ({@code reception.BookingJoinTokens},
 * {@code consultation.ConsultationJoinTokens}): opens the room on the first ticket and issues the signed join token.
 */
@Component
public class JoinTickets {
    private final LiveRooms rooms;
    private final JoinTokens tokens;
    private final Clock clock;
    private final RoomPlacement placement;

    /** Null: the media nodes are not shared with other instances (tests of one instance). */
    private final SharedMediaNodes sharedNodes;

    JoinTickets(LiveRooms rooms, JoinTokens tokens, Clock clock, RoomPlacement placement) {
        this(rooms, tokens, clock, placement, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    JoinTickets(LiveRooms rooms, JoinTokens tokens, Clock clock, RoomPlacement placement,
                SharedMediaNodes sharedNodes) {
        this.rooms = rooms;
        this.tokens = tokens;
        this.clock = clock;
        this.placement = placement;
        this.sharedNodes = sharedNodes;
    }

    /** What a browser needs to join: the token (never logged), the room, the role, where to connect. */
    public record JoinTicket(String token, String roomId, Role role, URI wsUrl, Instant expiresAt) {
        @Override
        public String toString() {
            return "JoinTicket[" + roomId + ", " + role + "]";
        }
    }

    /**
     * Opens the subject's room here if no other instance owns it (taking its lease, {@link RoomPlacement}) and issues
     * a token admitting {@code participantId} as {@code role}; the ticket's URL names the room and its owner
     * ({@code ?room=<id>&node=<owner>}, what the load balancer routes by).
     *
     * @throws IllegalStateException if the live rooms are not running
     */
    public JoinTicket issue(RoomSubject subject, Role role, String participantId, String displayName, URI wsUrl) {
        return issue(subject, role, participantId, displayName, wsUrl, null);
    }

    /**
     * As {@link #issue(RoomSubject, Role, String, String, URI)}, the token bound to the staff account it is issued to
     * ({@code account}: its id and security stamp now; null for a terminal's petitioner): refused at the join, and
     * the connection closed, once the account changes ({@code AccountSessions}).
     */
    public JoinTicket issue(RoomSubject subject, Role role, String participantId, String displayName, URI wsUrl,
                            AccountBinding account) {
        if (!rooms.isRunning()) {
            throw new IllegalStateException("live rooms are not running");
        }
        RoomPlacement.Claim claim = placement.claim(subject.roomId(), RoomPlacementRule.Purpose.OPEN);
        if (claim.here()) {
            if (sharedNodes != null && !rooms.isOpen(subject.roomId())) {
                sharedNodes.refreshSafely(); // its media room is placed now: with the cluster's drain flags and loads
            }
            rooms.open(subject.roomId(), subject.session());
        }
        String token = tokens.issue(new JoinGrant(subject.session(), subject.roomId(), role, participantId,
                displayName), account);
        return new JoinTicket(token, subject.roomId(), role, routed(wsUrl, subject.roomId(), claim.node()),
                clock.instant().plus(tokens.settings().ttl()));
    }

    /** {@code wsUrl} with the room and, when known, its owner: {@code ?room=<id>&node=<owner>}. */
    static URI routed(URI wsUrl, String roomId, String node) {
        String q = "room=" + URLEncoder.encode(roomId, StandardCharsets.UTF_8)
                + (node == null ? "" : "&node=" + URLEncoder.encode(node, StandardCharsets.UTF_8));
        String base = wsUrl.toString();
        int cut = base.indexOf('?');
        return URI.create((cut < 0 ? base : base.substring(0, cut)) + "?" + q);
    }

    /** The signaling WebSocket's URL as the current request reaches this server (ws: for http:, wss: for https:). */
    public static URI signalingUrlOfCurrentRequest() {
        return signalingUrlOf(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
    }

    static URI signalingUrlOf(String httpBase) {
        String ws = httpBase.startsWith("https:") ? "wss:" + httpBase.substring(6)
                : httpBase.startsWith("http:") ? "ws:" + httpBase.substring(5) : httpBase;
        return URI.create(ws + SignalingEndpoint.PATH);
    }
}
