package org.lianxin.recording;

import java.time.Instant;

/**
 * A recording as the catalog holds it.
 *
 * @param officeId        the office whose jurisdiction it belongs to (the terminal's office for a
 *                        reception, the host's office for a consultation)
 * @param composedProgress 0–100 while the composed review file is made
 */
public record Recording(long id, Kind kind, String roomId, Long bookingId, Long consultationId, Long caseId,
                        long officeId, Status status, Instant createdAt, Instant startedAt, Instant endedAt,
                        int series, int segmentCount, String chainHead, String manifestKey, String manifestSha256,
                        ComposedState composedState, int composedProgress, String composedKey, Long composedBytes,
                        String composedError, Instant retentionUntil, boolean legalHold, String legalHoldReason,
                        String legalHoldBy, Instant legalHoldAt, Instant deletedAt, String deletedBy) {

    public enum Kind { RECEPTION, CONSULTATION }

    /**
     * PENDING: room open, nothing captured yet; RECORDING: capturing; COMPLETED: ended normally;
     * INTERRUPTED: the capturing server stopped without ending it (crash) — closed segments are kept,
     * the gap is listed; EMPTY: ended before anything was captured; DELETED: media deleted after retention.
     */
    public enum Status { PENDING, RECORDING, COMPLETED, INTERRUPTED, EMPTY, DELETED }

    public enum ComposedState { NONE, QUEUED, RUNNING, DONE, FAILED }

    public boolean ended() {
        return status == Status.COMPLETED || status == Status.INTERRUPTED || status == Status.EMPTY
                || status == Status.DELETED;
    }

    /** Object key of the composed review file. */
    public static String composedKey(long id) {
        return "recordings/" + id + "/composed.mp4";
    }

    /**
     * Object key of the composed review file made by a compose node's claim of epoch {@code epoch} (V36): each claim
     * stores under its own key, so a worker whose claim was taken over never overwrites the referenced file.
     */
    public static String composedKey(long id, long epoch) {
        return "recordings/" + id + "/composed-" + epoch + ".mp4";
    }

    /** Object key of a segment. */
    public static String segmentKey(long id, String trackId, int trackIndex) {
        return "recordings/" + id + "/" + trackId + "/" + String.format("%06d", trackIndex) + ".mkv";
    }
}
