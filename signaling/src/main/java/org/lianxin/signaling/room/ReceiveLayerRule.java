package org.lianxin.signaling.room;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.lianxin.signaling.media.ReceiveQuality;
import org.lianxin.signaling.protocol.LinkLevel;

/**
 * Which video layer each participant receives, from the receiving side of its link reports (part of
 * {@link LinkQualityRule}, pure): the full layer while its link is good; the reduced layer as soon as
 * what it receives is poor or bad (loss, round trip, freezes); back to the full layer when its link has
 * been good for a while — the hold starts at {@link #FIRST_HOLD} and doubles (to {@link #MAX_HOLD})
 * each time the full layer turns the link bad again within {@link #PROBE} of trying it, so that a link
 * that cannot carry the full layer is not made to stutter every few seconds.
 */
final class ReceiveLayerRule {

    static final Duration FIRST_HOLD = Duration.ofSeconds(10);
    static final Duration MAX_HOLD = Duration.ofSeconds(160);
    /** How long after going back to the full layer a bad report counts as the full layer's fault. */
    static final Duration PROBE = Duration.ofSeconds(15);

    private final Map<String, State> states = new HashMap<>();

    /** The quality to switch the participant to after a report whose receiving side is {@code level}, if any. */
    Optional<ReceiveQuality> report(String participantId, LinkLevel level, Instant now) {
        State s = states.computeIfAbsent(participantId, id -> new State());
        if (s.quality == ReceiveQuality.FULL) {
            if (level == LinkLevel.GOOD) {
                return Optional.empty();
            }
            boolean probeFailed = s.fullSince != null && now.isBefore(s.fullSince.plus(PROBE));
            s.hold = probeFailed ? min(s.hold.multipliedBy(2), MAX_HOLD) : FIRST_HOLD;
            s.quality = ReceiveQuality.REDUCED;
            s.goodSince = null;
            return Optional.of(ReceiveQuality.REDUCED);
        }
        if (level != LinkLevel.GOOD) {
            s.goodSince = null;
            return Optional.empty();
        }
        if (s.goodSince == null) {
            s.goodSince = now;
        }
        if (now.isBefore(s.goodSince.plus(s.hold))) {
            return Optional.empty();
        }
        s.quality = ReceiveQuality.FULL;
        s.fullSince = now;
        return Optional.of(ReceiveQuality.FULL);
    }

    /** What the participant receives now (FULL for one never reported). */
    ReceiveQuality quality(String participantId) {
        State s = states.get(participantId);
        return s == null ? ReceiveQuality.FULL : s.quality;
    }

    void forget(String participantId) {
        states.remove(participantId);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static final class State {
        ReceiveQuality quality = ReceiveQuality.FULL;
        Duration hold = FIRST_HOLD;
        /** Since when the receiving side has been good (while reduced). */
        Instant goodSince;
        /** When it last went back to the full layer. */
        Instant fullSince;
    }
}
