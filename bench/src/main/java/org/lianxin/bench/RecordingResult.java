package org.lianxin.bench;

import java.util.Locale;
import java.util.Map;
import org.lianxin.recording.testing.RtpReplayer;

/**
 * One phase's measurement. {@code windowLate*}: how late the replayer was within the measurement window (what
 * decides {@link #valid}); {@code lateBeforeWindowMs}: the worst before it (start-up and warm-up; shown only).
 */
record RecordingResult(String name, int tracks, double windowS, double cpuPctTotal, long inErrors, long rcvbufErrors,
                       long noPorts, long socketDrops, long sentAudio, long sentVideo, long sentFrames,
                       RtpReplayer.Lateness windowLateness, double lateBeforeWindowMs, long sendErrors,
                       Map<Integer, Recorders.Counts> reported, Map<Integer, Recorders.Counts> probed,
                       long[] audioSent, long[] framesSent) {
    double perTrack() {
        return cpuPctTotal / tracks;
    }

    double windowMaxLateMs() {
        return windowLateness.maxLate().toNanos() / 1e6;
    }

    /** Null when valid, else why not. */
    String invalidBecause() {
        if (windowMaxLateMs() > RecordingBench.MAX_LATE_MS) {
            return String.format(Locale.ROOT, "the replayer fell behind real time by up to %.0f ms within the "
                    + "measurement window (limit %d ms; %.1f %% of the window's packets more than %d ms late): "
                    + "the recorders did not get real-time input, the machine is too busy", windowMaxLateMs(),
                    RecordingBench.MAX_LATE_MS,
                    100.0 * windowLateness.lateOver5ms() / Math.max(1, windowLateness.packets()),
                    RtpReplayer.LATE_MILLIS);
        }
        if (sendErrors > 0) {
            return sendErrors + " packets could not be sent";
        }
        return null;
    }

    boolean valid() {
        return invalidBecause() == null;
    }

    long lost() {
        return Math.max(inErrors, rcvbufErrors);
    }
}
