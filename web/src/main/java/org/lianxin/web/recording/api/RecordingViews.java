package org.lianxin.web.recording.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;

/** What the recordings API returns (storage keys and the raw room id are not exposed). */
final class RecordingViews {
    private RecordingViews() {
    }

    /**
     * A recording in a list.
     *
     * @param durationMs from the start of capture to its end (to now while it records), null before capture
     */
    record RecordingView(long id, Recording.Kind kind, Recording.Status status, Long bookingId, Long consultationId,
                         Long caseId, long officeId, Instant createdAt, Instant startedAt, Instant endedAt,
                         Long durationMs, int series, int segmentCount, String chainHead, String manifestSha256,
                         Recording.ComposedState composedState, int composedProgress, Long composedBytes,
                         String composedError, Instant retentionUntil, boolean retentionReached, boolean legalHold,
                         String legalHoldReason, String legalHoldBy, Instant legalHoldAt, Instant deletedAt,
                         String deletedBy) {

        static RecordingView of(Recording r, Instant now) {
            Long duration = null;
            if (r.startedAt() != null) {
                Instant end = r.endedAt() != null ? r.endedAt() : now;
                duration = Math.max(0, Duration.between(r.startedAt(), end).toMillis());
            }
            boolean reached = r.ended() && r.retentionUntil() != null && !now.isBefore(r.retentionUntil());
            return new RecordingView(r.id(), r.kind(), r.status(), r.bookingId(), r.consultationId(), r.caseId(),
                    r.officeId(), r.createdAt(), r.startedAt(), r.endedAt(), duration, r.series(), r.segmentCount(),
                    r.chainHead(), r.manifestSha256(), r.composedState(), r.composedProgress(), r.composedBytes(),
                    r.composedError(), r.retentionUntil(), reached, r.legalHold(), r.legalHoldReason(),
                    r.legalHoldBy(), r.legalHoldAt(), r.deletedAt(), r.deletedBy());
        }
    }

    record TrackView(String trackId, String participantId, String displayName, String role, int series,
                     Instant startedAt, Instant endedAt, int segmentCount) {
        static TrackView of(RecordingCatalog.Track t) {
            return new TrackView(t.trackId(), t.participantId(), t.displayName(), t.role(), t.series(), t.startedAt(),
                    t.endedAt(), t.segmentCount());
        }
    }

    /** A segment in hash-chain order; its bytes are at {@code /recordings/{id}/segments/{chainIndex}/media}. */
    record SegmentView(int chainIndex, String trackId, int trackIndex, long bytes, String sha256, String chain,
                       Instant startedAt, Instant endedAt, long durationMs, boolean uploaded) {
        static SegmentView of(RecordingCatalog.Segment s) {
            return new SegmentView(s.chainIndex(), s.trackId(), s.trackIndex(), s.bytes(), s.sha256(), s.chain(),
                    s.startedAt(), s.endedAt(), s.durationMs(), s.uploaded());
        }
    }

    /**
     * A recording with what the review page shows of it.
     *
     * @param session the reception's booking as the page tells it (null for a consultation or one not visible)
     * @param people  the names of the users the recording names (legal hold, deletion) by username
     */
    record RecordingDetails(RecordingView recording, List<TrackView> tracks, List<SegmentView> segments,
                            List<TimelineView> timeline, List<Manifest.Gap> gaps, SessionView session,
                            Map<String, String> people) {
    }

    /**
     * One timeline entry: as stored ({@code at, type, participantId, role, detail}) and as facts for a sentence
     * ({@link TimelineFacts}).
     *
     * @param name     the participant's name (null if unknown)
     * @param by       the name of who did it (a user or a participant), null if not said or the system
     * @param bySystem whether the system did it
     * @param media    "audio" or "video" (muted, unmuted)
     * @param reason   a reason code: LEFT/REMOVED/TIMED_OUT (left), HOST/SCHEDULE/SERVER (ended), the recording's
     *                 status (recording ended), SETTINGS (recording on by the consultation's settings)
     * @param lobby    joined into the lobby
     * @param note     what of the detail is not understood as facts, as written (null if all is)
     * @param link     for a bad-link period (type BAD_LINK, {@code at} its start): its end and worst measures
     */
    record TimelineView(Instant at, String type, String participantId, String role, String detail, String name,
                        String by, boolean bySystem, String media, String reason, boolean lobby, String note,
                        LinkPeriodView link) {
    }

    /**
     * A bad-link period's end and worst measures (as the participant's browser reported them).
     *
     * @param level       the worst level: POOR or BAD
     * @param rttMs       the slowest round trip (ms), null if never measured
     */
    record LinkPeriodView(Instant end, String level, double lossPercent, Integer rttMs) {
    }

    /** The reception a recording is of, and the petitioner's evaluation (1–5, comment) once given. */
    record SessionView(long bookingId, String caseNumber, String subject, String petitionerName,
                       String officialName, String terminalName, Instant start, Instant end, String state,
                       Integer satisfactionScore, String satisfactionComment) {
    }

    /** One row of the access audit, with the user's name (null for an unknown user). */
    record AccessView(long id, Instant at, String username, String name, String action, String item,
                      String remoteAddr) {
        static AccessView of(RecordingCatalog.Access a, String name) {
            return new AccessView(a.id(), a.at(), a.username(), name, a.action(), a.item(), a.remoteAddr());
        }
    }

    /** A presigned URL: whoever holds it can fetch the item until {@code expiresAt}; never logged. */
    record Link(String item, java.net.URI url, Instant expiresAt) {
        @Override
        public String toString() {
            return "Link[" + item + ", until " + expiresAt + "]";
        }
    }
}
