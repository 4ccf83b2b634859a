package org.lianxin.signaling.protocol;

import java.util.List;
import java.util.Objects;
import org.lianxin.signaling.media.IceCandidate;

/**
 * What a browser sends. One record per message type; the wire names are in {@code ProtocolNames}.
 * Every message may carry a correlation id ({@link Incoming#correlation()}), echoed in errors.
 */
public sealed interface ClientMessage {

    /**
     * Asks for fresh TURN credentials before the ones of the join expire (a peer connection made after that — a
     * re-publish, an ICE restart — needs valid ones); answered with {@link ServerMessage.IceServersRenewed}.
     */
    record RenewIceServers() implements ClientMessage {
    }

    /**
     * The browser's media path to the media node failed (ICE disconnected or failed for long enough) or works again;
     * the server tells the staff in the room. {@code route} is how the media went (relayed by TURN or directly).
     */
    record MediaPath(boolean ok, MediaRoute route) implements ClientMessage {
        public MediaPath {
            Objects.requireNonNull(route, "route");
        }
    }

    /** Joins a room with a join token (the first message of a connection, and of a reconnect). */
    record Join(String token) implements ClientMessage {
        public Join {
            Objects.requireNonNull(token, "token");
        }
    }

    /** Starts (or restarts, e.g. after a reconnect) sending own audio and video: the SDP offer. */
    record Publish(String sdp) implements ClientMessage {
        public Publish {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /** Receives the streams of these participants (by participant id); the server answers with an offer. */
    record Subscribe(List<String> participants) implements ClientMessage {
        public Subscribe {
            participants = List.copyOf(participants);
        }
    }

    /**
     * Makes the receiving (subscriber) connection before there is anyone to receive: the server answers with an
     * {@link ServerMessage.Offer} of no streams (the connection carries the sender's own feed, which the media
     * server does not send back). A later {@link Subscribe} then only adds streams to this connection
     * ({@link ServerMessage.OfferUpdate}): its ICE and DTLS are done already. Allowed in the lobby.
     */
    record PrepareReceive() implements ClientMessage {
    }

    /** The browser's SDP answer to the server's subscription offer. */
    record Answer(String sdp) implements ClientMessage {
        public Answer {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /** An ICE candidate of one of the browser's peer connections ({@link IceCandidate#completed()} at the end). */
    record Trickle(PeerConnectionKind target, IceCandidate candidate) implements ClientMessage {
        public Trickle {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(candidate, "candidate");
        }
    }

    /**
     * Restart ICE on one of the browser's peer connections (its media path failed while this
     * connection lives): for the {@code publisher} connection with the browser's ICE-restart offer
     * (answered with {@link ServerMessage.Answer}); for the {@code subscriber} connection without an
     * SDP (the server answers with {@link ServerMessage.RestartOffer}).
     */
    record RestartIce(PeerConnectionKind target, String sdp) implements ClientMessage {
        public RestartIce {
            Objects.requireNonNull(target, "target");
            if ((target == PeerConnectionKind.PUBLISHER) != (sdp != null)) {
                throw new IllegalArgumentException("an offer for the publisher connection, none for the subscriber's");
            }
        }
    }

    /** Host: lets a waiting participant in. */
    record Admit(String participantId) implements ClientMessage {
        public Admit {
            Objects.requireNonNull(participantId, "participantId");
        }
    }

    /** Host: stops relaying a participant's audio or video (server side). */
    record Mute(String participantId, MediaKind kind) implements ClientMessage {
        public Mute {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Host: relays a muted medium again. */
    record Unmute(String participantId, MediaKind kind) implements ClientMessage {
        public Unmute {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Host: removes a participant (it may not join this session again). */
    record Remove(String participantId) implements ClientMessage {
        public Remove {
            Objects.requireNonNull(participantId, "participantId");
        }
    }

    /** Host: ends the session for everyone. */
    record End() implements ClientMessage {
    }

    /** Leaves the room for good (a lost connection is not a leave: its place is held). */
    record Leave() implements ClientMessage {
    }

    /** Keeps the connection alive; answered with {@link ServerMessage.HeartbeatAck}. */
    record Heartbeat() implements ClientMessage {
    }

    /**
     * How the sender's media links are doing, measured by its browser (getStats) over the last few
     * seconds; at most one every {@code LinkQualityRule.MIN_INTERVAL}. Trusted only for display and
     * the recording's timeline. Answered by {@link ServerMessage.LinkQuality} (to the sender and the hosts).
     */
    record LinkReport(LinkStats stats) implements ClientMessage {
        public LinkReport {
            Objects.requireNonNull(stats, "stats");
        }
    }
}
