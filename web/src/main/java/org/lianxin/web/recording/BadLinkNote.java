package org.lianxin.web.recording;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lianxin.signaling.protocol.LinkLevel;
import org.lianxin.signaling.room.RoomEvent;

/**
 * A bad-link period in a recording's timeline: an entry of type {@link #TYPE} at the period's start, whose detail is
 * a short English note for the log and the manifest ("until 2026-12-02T06:31:04Z; worst BAD; loss 12.5%; rtt 340 ms",
 * "rtt unknown" when the browser never measured one), read back here for the review page.
 *
 * @param end         when the link was good again (or its participant left, or the session ended)
 * @param worst       the worst level reported in the period
 * @param lossPercent the worst loss reported (%)
 * @param rttMs       the slowest round trip reported (ms), null if none was measured
 */
public record BadLinkNote(Instant end, LinkLevel worst, double lossPercent, Integer rttMs) {

    public static final String TYPE = "BAD_LINK";

    private static final Pattern NOTE = Pattern.compile(
            "until (\\S+); worst (GOOD|POOR|BAD); loss (\\d{1,3}(?:\\.\\d)?)%; rtt (?:(\\d{1,5}) ms|unknown)");

    public static BadLinkNote of(RoomEvent.BadLinkPeriod e) {
        return new BadLinkNote(e.at(), e.worst(), e.worstLossPercent(), e.worstRttMs());
    }

    /** The note as written into the timeline's detail (at most ~80 characters). */
    public String note() {
        return "until " + end + "; worst " + worst.name() + "; loss "
                + String.format(Locale.ROOT, "%.1f", lossPercent) + "%; rtt "
                + (rttMs == null ? "unknown" : rttMs + " ms");
    }

    /** The note read back; empty if it is not one (written by hand, or by another version). */
    public static Optional<BadLinkNote> parse(String detail) {
        if (detail == null) {
            return Optional.empty();
        }
        Matcher m = NOTE.matcher(detail.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            double loss = Double.parseDouble(m.group(3));
            if (loss > 100) {
                return Optional.empty();
            }
            return Optional.of(new BadLinkNote(Instant.parse(m.group(1)), LinkLevel.valueOf(m.group(2)), loss,
                    m.group(4) == null ? null : Integer.valueOf(m.group(4))));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
