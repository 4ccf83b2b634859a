package org.lianxin.recording.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How a room's tracks are named: {@code s<series>-p<n>} for the n-th participant of the recording in the current
 * series, {@code -2}, {@code -3}, … for the same participant publishing again within that series. A new series
 * starts after the media server was lost, once the current one has a track. Not thread-safe (its room guards it).
 */
final class TrackNames {

    private int series;
    private int nextParticipantNumber;
    private final Map<String, Integer> participantNumbers = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    /** Whether a track was named in the current series. */
    private boolean seriesUsed;

    TrackNames(int series) {
        this.series = series;
    }

    /** A track the recording already has (one taken over after a restart): its name stays taken. */
    void known(String trackId, String participantId) {
        used.add(trackId);
        participantNumbers.computeIfAbsent(participantId, p -> ++nextParticipantNumber);
    }

    /**
     * The name {@link #next} would give the participant's next track now, without taking it (a capture made ready
     * before the recording starts). The participant gets its number here if it has none, so that participants made
     * ready one after another get the names {@link #next} gives them later in the same order.
     */
    String peek(String participantId) {
        int n = participantNumbers.computeIfAbsent(participantId, p -> ++nextParticipantNumber);
        String base = "s" + series + "-p" + n;
        String id = base;
        for (int k = 2; used.contains(id); k++) {
            id = base + "-" + k;
        }
        return id;
    }

    /** The name of the participant's next track in the current series. */
    String next(String participantId) {
        String id = peek(participantId);
        used.add(id);
        seriesUsed = true;
        return id;
    }

    int series() {
        return series;
    }

    /** Whether the media server's loss must start a new series (a track was opened in this one). */
    boolean seriesUsed() {
        return seriesUsed;
    }

    /** The next series has begun (its number from the catalog). */
    void newSeries(int number) {
        series = number;
        seriesUsed = false;
    }
}
