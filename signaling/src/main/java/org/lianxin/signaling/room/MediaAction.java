package org.lianxin.signaling.room;

import java.util.List;
import java.util.Objects;
import org.lianxin.signaling.media.IceCandidate;
import org.lianxin.signaling.media.ReceiveQuality;
import org.lianxin.signaling.protocol.LinkStats;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.PeerConnectionKind;

/**
 * What the media layer must do for the room (through the media port); the room decides, the
 * media layer carries it out and reports back ({@link Room#publishing}). Participants are named by
 * id; the media layer maps them to feeds and endpoints.
 */
public sealed interface MediaAction {

    /**
     * Relay the participant's offer and send it the answer ({@code ServerMessage.Answer}); when it
     * is up, call {@link Room#publishing}(id, true). If the participant already has a publisher
     * endpoint (a resume, an ICE restart), replace or renegotiate it.
     */
    record StartPublishing(String participantId, String sdpOffer) implements MediaAction {
        public StartPublishing {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(sdpOffer, "sdpOffer");
        }
    }

    /** Subscribe the participant to these publishers' feeds and send it the offer ({@code ServerMessage.Offer}). */
    record Subscribe(String participantId, List<String> publisherIds) implements MediaAction {
        public Subscribe {
            Objects.requireNonNull(participantId, "participantId");
            publisherIds = List.copyOf(publisherIds);
        }
    }

    /**
     * Make the participant's receiving connection ahead: a subscriber endpoint on its own feed that sends nothing,
     * its offer sent to the participant ({@code ServerMessage.Offer} with no streams); a later {@link Subscribe}
     * adds the feeds to it ({@code ServerMessage.OfferUpdate}) instead of making a new connection.
     */
    record PrepareReceiving(String participantId) implements MediaAction {
        public PrepareReceiving {
            Objects.requireNonNull(participantId, "participantId");
        }
    }

    /**
     * The participant's receiving connection (made ahead) is to carry exactly these publishers' feeds PAUSED, besides
     * what it receives: on the connection, renegotiated ahead, with the node sending nothing of them (issue 10,
     * instant admission; see {@code HeldSubscriptions}). Applied once the connection's last offer is answered; the
     * participant is told nothing of whose they are.
     */
    record HoldPaused(String participantId, List<String> publisherIds) implements MediaAction {
        public HoldPaused {
            Objects.requireNonNull(participantId, "participantId");
            publisherIds = List.copyOf(publisherIds);
        }
    }

    /**
     * The admission: the node starts sending these held publishers' feeds on the participant's receiving connection
     * now, with a keyframe request at once; from then on they are part of what it receives (its next subscribe
     * finds them there, no renegotiation). A feed not held (yet) is left to the participant's subscribe.
     */
    record ResumeHeld(String participantId, List<String> publisherIds) implements MediaAction {
        public ResumeHeld {
            Objects.requireNonNull(participantId, "participantId");
            publisherIds = List.copyOf(publisherIds);
        }
    }

    /**
     * Restart ICE on the participant's existing endpoint, keeping its feed and streams: the
     * publisher's with the browser's ICE-restart offer (the answer goes back as
     * {@code ServerMessage.Answer}); the subscriber's by asking the node for a restarted offer (sent
     * as {@code ServerMessage.RestartOffer}, answered like any subscription offer).
     *
     * @param sdpOffer the browser's offer for the publisher endpoint; null for the subscriber
     */
    record RestartIce(String participantId, PeerConnectionKind target, String sdpOffer) implements MediaAction {
        public RestartIce {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(target, "target");
            if ((target == PeerConnectionKind.PUBLISHER) != (sdpOffer != null)) {
                throw new IllegalArgumentException("an offer for the publisher endpoint, none for the subscriber's");
            }
        }
    }

    /** Complete the participant's subscription with its answer. */
    record StartReceiving(String participantId, String sdpAnswer) implements MediaAction {
        public StartReceiving {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(sdpAnswer, "sdpAnswer");
        }
    }

    /** Pass an ICE candidate to the participant's publisher or subscriber endpoint. */
    record Trickle(String participantId, PeerConnectionKind target, IceCandidate candidate) implements MediaAction {
        public Trickle {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(candidate, "candidate");
        }
    }

    /** Stop (or resume) relaying one medium of the participant's feed to everyone (server-side mute). */
    record MuteStream(String participantId, MediaKind kind, boolean muted) implements MediaAction {
        public MuteStream {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Close the participant's subscriber endpoint: nothing flows to it any more. */
    record StopForwardingTo(String participantId) implements MediaAction {
        public StopForwardingTo {
            Objects.requireNonNull(participantId, "participantId");
        }
    }

    /**
     * Close the participant's publisher endpoint: nothing flows from it any more.
     *
     * @param kick true when the host removed it (kick the feed with the room secret)
     */
    record StopPublishing(String participantId, boolean kick) implements MediaAction {
        public StopPublishing {
            Objects.requireNonNull(participantId, "participantId");
        }
    }

    /**
     * Switch the video layer the participant receives of simulcast feeds (on its current subscriber endpoint,
     * and on any it gets later) — from its link reports, {@link ReceiveLayerRule}; {@code because} is the report
     * that decided it (for the log).
     */
    record SetReceiveQuality(String participantId, ReceiveQuality quality, LinkStats because)
            implements MediaAction {
        public SetReceiveQuality {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(quality, "quality");
            Objects.requireNonNull(because, "because");
        }
    }

    /** The session ended: stop the room's forwarders and destroy the media room. */
    record CloseMediaRoom() implements MediaAction {
    }
}
