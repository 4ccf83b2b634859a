package org.lianxin.recording;

/**
 * A write meant for an open recording reached one that has ended (issue 14: another instance ended it — its owner was
 * lost and nobody took its room — while this one was paused, or two ends raced). Nothing was written: the ended
 * recording's chain and manifest stay as they were.
 */
public final class RecordingEndedException extends IllegalStateException {

    private final long recordingId;

    public RecordingEndedException(long recordingId, String what) {
        super("recording " + recordingId + " has ended: " + what + " refused");
        this.recordingId = recordingId;
    }

    public long recordingId() {
        return recordingId;
    }
}
