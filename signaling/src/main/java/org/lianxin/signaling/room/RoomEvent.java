package org.lianxin.signaling.room;

import java.time.Instant;
import org.lianxin.signaling.protocol.LinkLevel;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.protocol.ServerMessage.LeaveReason;
import org.lianxin.signaling.token.Role;

/**
 * What happened in the room, for those outside the browser protocol: bookings (the first
 * admitted petitioner → IN_SESSION; {@link SessionEnded} → COMPLETED), the recording's timeline,
 * the audit log.
 *
 * <p>A listener handles every kind of event in one place with {@link #accept(Visitor)}: the {@link Visitor} has one
 * method per event type and no defaults, so a new event type does not compile until every listener has decided what
 * it does with it (Java 17 has no pattern {@code switch}; this is its exhaustive form).
 */
public sealed interface RoomEvent {

    Instant at();

    /** Calls the visitor's method for this event's type. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per event type, none with a default: what a listener does with each event.
     *
     * @param <R> what a call returns ({@link Void} for a listener that only acts)
     */
    interface Visitor<R> {
        R participantEntered(ParticipantEntered e);

        R participantAdmitted(ParticipantAdmitted e);

        R participantLeft(ParticipantLeft e);

        R sessionEnded(SessionEnded e);

        R publishingStarted(PublishingStarted e);

        R publishingStopped(PublishingStopped e);

        R mediaMuted(MediaMuted e);

        R mediaNodeLost(MediaNodeLost e);

        R mediaNodeRestored(MediaNodeRestored e);

        R badLinkPeriod(BadLinkPeriod e);
    }

    /** A participant entered for the first time (into the lobby, or straight into the session). */
    record ParticipantEntered(String participantId, Role role, boolean inLobby, Instant at) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.participantEntered(this);
        }
    }

    /** The host admitted a waiting participant. */
    record ParticipantAdmitted(String participantId, Role role, Instant at) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.participantAdmitted(this);
        }
    }

    /** A participant left, was removed, or did not come back within the grace period. */
    record ParticipantLeft(String participantId, Role role, LeaveReason reason, Instant at) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.participantLeft(this);
        }
    }

    /** The session ended. */
    record SessionEnded(EndReason reason, Instant at) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sessionEnded(this);
        }
    }

    /**
     * The participant's publisher peer connection is up on the media node: its feed can be
     * subscribed to and forwarded (a recorder starts its tracks here, e.g. with
     * {@code LiveRooms.forward}). Seen again after every re-publish (a reconnect, a media node restart).
     */
    record PublishingStarted(String participantId, Role role, String displayName, Instant at) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.publishingStarted(this);
        }
    }

    /**
     * The participant's feed stopped: it stopped publishing, left, was removed, timed out, the
     * session ended, or the media node was lost. Its forwarders are gone with it.
     */
    record PublishingStopped(String participantId, Role role, Instant at) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.publishingStopped(this);
        }
    }

    /**
     * The host muted or unmuted one medium of a participant server-side (the node stops relaying it
     * to everyone, forwarders included).
     *
     * @param byParticipantId the host who did it
     */
    record MediaMuted(String participantId, Role role, MediaKind kind, boolean muted, String byParticipantId,
            Instant at) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.mediaMuted(this);
        }
    }

    /**
     * The connection to the media node was lost: every feed stopped ({@link PublishingStopped} for
     * each came before this); the room stays open and recovers when the node is back.
     *
     * @param reason a short technical reason (no secrets)
     */
    record MediaNodeLost(String reason, Instant at) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.mediaNodeLost(this);
        }
    }

    /**
     * The media node is back and the room's media room was made again; the participants were told to
     * publish and subscribe again ({@link PublishingStarted} follows for each who does).
     */
    record MediaNodeRestored(Instant at) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.mediaNodeRestored(this);
        }
    }

    /**
     * A participant's link was poor or bad from {@code start} until {@code at} (its first good report after, its
     * leaving, or the end), by its browser's reports: the worst level, loss and round trip seen (round trip null if
     * never measured). For the recording's timeline; told when the period is over.
     */
    record BadLinkPeriod(String participantId, Role role, Instant start, LinkLevel worst, double worstLossPercent,
            Integer worstRttMs, Instant at) implements RoomEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.badLinkPeriod(this);
        }
    }
}
