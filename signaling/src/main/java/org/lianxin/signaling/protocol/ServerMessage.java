package org.lianxin.signaling.protocol;

import java.util.List;
import java.util.Objects;

/** What the server sends to a browser. One record per message type; wire names in {@code ProtocolNames}. */
public sealed interface ServerMessage {

    /**
     * The join (or resume) succeeded.
     *
     * @param you          the joiner itself (its role included)
     * @param participants those in the session it may see (none while in the lobby; observers
     *                     are never listed to a petitioner)
     * @param waiting      the lobby, for those who see it (empty for petitioners)
     * @param lobby        the joiner's own place in the lobby, or null when it is not waiting
     * @param resumed      true when this join resumed a place held after a lost connection
     * @param iceServers   the TURN servers with this participant's time-limited credentials, for the browser's
     *                     peer connections (empty: no TURN configured, the browser reaches the media node directly)
     */
    record Joined(ParticipantInfo you, List<ParticipantInfo> participants, List<ParticipantInfo> waiting,
            LobbyStatus lobby, boolean resumed, List<IceServer> iceServers) implements ServerMessage {
        public Joined {
            Objects.requireNonNull(you, "you");
            participants = List.copyOf(participants);
            waiting = List.copyOf(waiting);
            iceServers = List.copyOf(iceServers);
        }

        /** A join without ICE servers (the room decides the rest; the live room adds the participant's TURN). */
        public Joined(ParticipantInfo you, List<ParticipantInfo> participants, List<ParticipantInfo> waiting,
                LobbyStatus lobby, boolean resumed) {
            this(you, participants, waiting, lobby, resumed, List.of());
        }

        /** The same join handing out {@code servers}. */
        public Joined withIceServers(List<IceServer> servers) {
            return new Joined(you, participants, waiting, lobby, resumed, servers);
        }
    }

    /**
     * Fresh TURN credentials for the participant's next peer connections (the answer to
     * {@link ClientMessage.RenewIceServers}); empty when there is no TURN.
     */
    record IceServersRenewed(List<IceServer> iceServers) implements ServerMessage {
        public IceServersRenewed {
            iceServers = List.copyOf(iceServers);
        }
    }

    /**
     * A participant's media path failed ({@code ok} false: it sees and hears nobody, nobody sees it) or works again,
     * as its browser reported; {@code route} says whether it went through the TURN relay. Sent to the staff.
     */
    record ParticipantMediaPath(String participantId, boolean ok, MediaRoute route) implements ServerMessage {
        public ParticipantMediaPath {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(route, "route");
        }
    }

    /** The waiting participant's place in the lobby changed. */
    record Lobby(LobbyStatus status) implements ServerMessage {
        public Lobby {
            Objects.requireNonNull(status, "status");
        }
    }

    /** The host admitted you: these are the participants you now see. */
    record Admitted(List<ParticipantInfo> participants) implements ServerMessage {
        public Admitted {
            participants = List.copyOf(participants);
        }
    }

    /** Someone entered the session (joined directly or was admitted). */
    record ParticipantJoined(ParticipantInfo participant) implements ServerMessage {
        public ParticipantJoined {
            Objects.requireNonNull(participant, "participant");
        }
    }

    /** Someone is waiting in the lobby (sent to those who see the lobby). */
    record ParticipantWaiting(ParticipantInfo participant) implements ServerMessage {
        public ParticipantWaiting {
            Objects.requireNonNull(participant, "participant");
        }
    }

    /** Someone left the session or the lobby. */
    record ParticipantLeft(String participantId, LeaveReason reason) implements ServerMessage {
        public ParticipantLeft {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Someone's connection was lost (its place is held) or came back. */
    record ParticipantConnection(String participantId, boolean connected) implements ServerMessage {
        public ParticipantConnection {
            Objects.requireNonNull(participantId, "participantId");
        }
    }

    /** Someone started or stopped publishing (subscribe to it, or drop its streams). */
    record ParticipantPublishing(String participantId, boolean publishing) implements ServerMessage {
        public ParticipantPublishing {
            Objects.requireNonNull(participantId, "participantId");
        }
    }

    /** The host muted or unmuted someone's medium. */
    record Muted(String participantId, MediaKind kind, boolean muted) implements ServerMessage {
        public Muted {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** The host removed you; the connection closes. */
    record Removed() implements ServerMessage {
    }

    /** The session ended for everyone; the connection closes. */
    record Ended(EndReason reason) implements ServerMessage {
        public Ended {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A subscription offer: answer it with {@link ClientMessage.Answer}. */
    record Offer(String sdp, List<OfferedStream> streams) implements ServerMessage {
        public Offer {
            Objects.requireNonNull(sdp, "sdp");
            streams = List.copyOf(streams);
        }
    }

    /**
     * The subscription changed on the browser's existing subscriber connection (ICE and DTLS stay up): set
     * {@code sdp} on that connection and answer it with {@link ClientMessage.Answer}; {@code streams} says which
     * participant's medium is on which mid now (a stream not listed is no one's). {@code sdp} is null when the media
     * server had nothing to renegotiate (a publisher left already): then there is nothing to answer.
     */
    record OfferUpdate(String sdp, List<OfferedStream> streams) implements ServerMessage {
        public OfferUpdate {
            streams = List.copyOf(streams);
        }
    }

    /**
     * The media server's ICE-restart offer for the browser's existing subscriber connection (after a
     * {@link ClientMessage.RestartIce} for it): set it on that connection — the streams and their mids
     * are unchanged — and answer with {@link ClientMessage.Answer}.
     */
    record RestartOffer(String sdp) implements ServerMessage {
        public RestartOffer {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /** The answer to the browser's publish offer. */
    record Answer(String sdp) implements ServerMessage {
        public Answer {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /**
     * A refused or failed request.
     *
     * @param code        the numbered code
     * @param message     a human-readable detail (never personal data or tokens)
     * @param correlation the correlation id of the message that caused it, or null
     */
    record Failure(ErrorCode code, String message, String correlation) implements ServerMessage {
        public Failure {
            Objects.requireNonNull(code, "code");
            message = message == null ? code.defaultMessage() : message;
        }

        public static Failure of(ErrorCode code) {
            return new Failure(code, code.defaultMessage(), null);
        }

        public static Failure of(ErrorCode code, String message) {
            return new Failure(code, message, null);
        }

        /** The same failure in reply to the message with this correlation id. */
        public Failure withCorrelation(String newCorrelation) {
            return new Failure(code, message, newCorrelation);
        }
    }

    /**
     * The media server was restarted (or the connection to it lost and re-established): every peer
     * connection of yours is gone. Close both, publish again (a new offer on a new publisher
     * connection) and subscribe again to those who publish ({@link ParticipantPublishing} arrives as
     * they do). The signaling connection and the place in the room are unaffected.
     */
    record MediaRestarted() implements ServerMessage {
    }

    /**
     * To a participant waiting in the lobby (after its joined, and after {@link MediaRestarted}):
     * publish now. Nobody receives, records or forwards the feed until the host admits it; then the
     * admission needs only subscriptions.
     */
    record PrepareMedia() implements ServerMessage {
    }

    /**
     * The media server hears your video again after it had stopped for a second or more: your link dropped and came
     * back. Your browser has queued, ahead of any new video, the retransmissions the media server asked for the packets
     * lost meanwhile (useless now; ≈ 1 s of sending after a 3 s drop, measured by {@code ./lianxin bench drop}), and the
     * keyframe the server asked for waits behind them. While your browser is seen retransmitting, switch your video
     * sending off and on again (the sender's encodings' {@code active}): Chromium then drops that queue and starts again
     * on a keyframe ({@code js/video-resume.js}).
     */
    record VideoResumed() implements ServerMessage {
    }

    /** The answer to a heartbeat. */
    record HeartbeatAck() implements ServerMessage {
    }

    /**
     * A participant's link as its browser last reported it, with the server's verdict: sent to the
     * reporter itself (the kiosk's own hint) and to the hosts (the console's indicator).
     */
    record LinkQuality(String participantId, LinkLevel level, LinkStats stats) implements ServerMessage {
        public LinkQuality {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(stats, "stats");
        }
    }

    /** Why a participant left. */
    enum LeaveReason {
        LEFT, REMOVED, TIMED_OUT
    }

    /** Why a session ended. */
    enum EndReason {
        /** The host ended it. */
        HOST,
        /** The booking or consultation was closed from outside (cancelled, over time). */
        SCHEDULE,
        /** The server is shutting down or lost the room. */
        SERVER
    }
}
