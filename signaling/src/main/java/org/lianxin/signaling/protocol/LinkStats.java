package org.lianxin.signaling.protocol;

/**
 * A browser's measure of its media links over the last few seconds (from {@code getStats}).
 *
 * @param lossPercent     packets lost of what it receives, 0–100
 * @param sendLossPercent packets lost of what it sends, as the media server tells it (RTCP receiver reports), 0–100
 * @param rttMs       round-trip time to the media server in ms, or null when not known yet
 * @param inKbps      what it receives, kbit/s
 * @param outKbps     what it sends, kbit/s
 * @param freezes     how often a received video froze in the period
 */
public record LinkStats(double lossPercent, double sendLossPercent, Integer rttMs, int inKbps, int outKbps,
                        int freezes) {

    /** Bounds checked by the codec (and here, for Java callers). */
    public static final double MAX_LOSS_PERCENT = 100;
    public static final int MAX_RTT_MS = 60_000;
    public static final int MAX_KBPS = 1_000_000;
    public static final int MAX_FREEZES = 10_000;

    public LinkStats {
        if (!(lossPercent >= 0 && lossPercent <= MAX_LOSS_PERCENT)
                || !(sendLossPercent >= 0 && sendLossPercent <= MAX_LOSS_PERCENT)) {
            throw new IllegalArgumentException("loss must be 0-100: " + lossPercent + ", " + sendLossPercent);
        }
        if (rttMs != null && (rttMs < 0 || rttMs > MAX_RTT_MS)) {
            throw new IllegalArgumentException("rttMs must be 0-" + MAX_RTT_MS + ": " + rttMs);
        }
        if (inKbps < 0 || inKbps > MAX_KBPS || outKbps < 0 || outKbps > MAX_KBPS) {
            throw new IllegalArgumentException("kbps must be 0-" + MAX_KBPS);
        }
        if (freezes < 0 || freezes > MAX_FREEZES) {
            throw new IllegalArgumentException("freezes must be 0-" + MAX_FREEZES + ": " + freezes);
        }
        lossPercent = Math.round(lossPercent * 10) / 10.0; // one decimal is all a person reads
        sendLossPercent = Math.round(sendLossPercent * 10) / 10.0;
    }

    /** The worse loss of the two directions. */
    public double worstLossPercent() {
        return Math.max(lossPercent, sendLossPercent);
    }
}
