package org.lianxin.recording;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where recordings, their tracks, segments (in hash-chain order), timelines, gaps and accesses are
 * kept (the application's database). {@link #jdbc} makes the one implementation.
 */
public interface RecordingCatalog {

    static RecordingCatalog jdbc(javax.sql.DataSource dataSource,
                                 org.springframework.transaction.PlatformTransactionManager transactions) {
        return jdbc(dataSource, transactions, RecordingOutbox.NONE);
    }

    /** @param outbox told of each recording ended, inside the transaction of {@link #finish} */
    static RecordingCatalog jdbc(javax.sql.DataSource dataSource,
                                 org.springframework.transaction.PlatformTransactionManager transactions,
                                 RecordingOutbox outbox) {
        return new org.lianxin.recording.internal.JdbcRecordingCatalog(dataSource, transactions, outbox);
    }

    /** What a new recording is about. */
    record NewRecording(Recording.Kind kind, String roomId, Long bookingId, Long consultationId, Long caseId,
                        long officeId, String instanceId, Instant createdAt) {
    }

    record Track(long recordingId, String trackId, String participantId, String displayName, String role, int series,
                 Instant startedAt, Instant endedAt, int segmentCount) {
    }

    record Segment(long recordingId, int chainIndex, String trackId, int trackIndex, String key, long bytes,
                   String sha256, String chain, Instant startedAt, Instant endedAt, long durationMs, boolean uploaded) {
    }

    record Access(long id, long recordingId, Instant at, String username, String action, String item,
                  String remoteAddr) {
    }

    /**
     * A new open recording (PENDING) of its room.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the room has an open recording already (one per
     *                                                       room, held by the database)
     */
    Recording create(NewRecording recording);

    /**
     * The room's open recording, made ({@link #create}) if there is none. Safe with several instances at once: when
     * another opens the room's recording between the read and the insert, the insert fails on the database's one open
     * recording per room and the one open is returned.
     */
    Recording openOrCreate(NewRecording recording);

    Optional<Recording> find(long id);

    /** The newest recording of the room that has not ended. */
    Optional<Recording> openInRoom(String roomId);

    List<Recording> ofBooking(long bookingId);

    List<Recording> ofCase(long caseId);

    List<Recording> ofConsultation(long consultationId);

    /** Recordings not ended (PENDING or RECORDING), for recovery after a crash. */
    List<Recording> unfinished();

    /** Unfinished recordings that instance {@code instanceId} was making (each node recovers only its own). */
    List<Recording> unfinished(String instanceId);

    /**
     * Ended recordings of instance {@code instanceId} whose composed file was queued or being made
     * when that instance stopped (a crash, or a shutdown): to be composed again.
     */
    List<Recording> composingLeft(String instanceId);

    /**
     * PENDING → RECORDING (first capture); no-op if already recording.
     *
     * @throws RecordingEndedException when the recording has ended (nothing written; likewise {@link #nextSeries} and
     *                                 {@link #endTrack}: issue 14, a paused owner's writes after another instance
     *                                 ended the recording)
     */
    void markRecording(long id, Instant at);

    /**
     * Moves an open recording (PENDING or RECORDING) to instance {@code instanceId}, which took its room over after
     * the instance making it was lost (issue 14): from now on that instance records it and recovers it after a crash.
     *
     * @return the instance that was making it, empty when it was {@code instanceId}'s already or has ended
     */
    Optional<String> takeOver(long id, String instanceId);

    /**
     * Starts a new series (after the media server was lost); returns its number.
     *
     * @throws RecordingEndedException when the recording has ended (nothing written)
     */
    int nextSeries(long id);

    /**
     * Ends it: status, time, where its manifest is and that manifest's SHA-256, retention; in one transaction with
     * what the catalog's {@link RecordingOutbox} writes. Only while it is open and its chain head is still
     * {@code chainHead} (the head the manifest lists), checked in the same statement: so a manifest never misses a
     * segment chained while it was being written, and a recording is ended once (issue 14: a paused owner's end after
     * another instance ended it is refused).
     *
     * @return false (nothing changed) when it has ended already or its chain moved on
     */
    boolean finish(long id, Recording.Status status, Instant endedAt, String manifestKey, String manifestSha256,
                   Instant retentionUntil, String chainHead);

    /** {@link #finish} with the chain head as it is now (for tests and set-ups where nothing else appends). */
    default boolean finish(long id, Recording.Status status, Instant endedAt, String manifestKey,
                           String manifestSha256, Instant retentionUntil) {
        return finish(id, status, endedAt, manifestKey, manifestSha256, retentionUntil,
                find(id).map(Recording::chainHead).orElse(null));
    }

    /**
     * The manifest of an ended recording was written again because segments were added to it after its end
     * ({@link #appendRecoveredSegment}): its new SHA-256 recorded, only while its chain head is {@code chainHead}.
     *
     * @return false when the recording is not ended (or deleted), or its chain moved on
     */
    boolean manifestRewritten(long id, String manifestSha256, String chainHead);

    /**
     * @throws RecordingEndedException when the recording has ended (nothing written; likewise {@link #addGap} and
     *                                 {@link #addTrack}: issue 14, a paused owner's writes after another instance
     *                                 ended the recording)
     */
    void addEvent(long id, Manifest.TimelineEntry entry);

    /** As {@link #addEvent}, also to an ended recording (not deleted): what its recovery after the end did. */
    void addEventAfterEnd(long id, Manifest.TimelineEntry entry);

    List<Manifest.TimelineEntry> timeline(long id);

    void addGap(long id, Manifest.Gap gap);

    List<Manifest.Gap> gaps(long id);

    void addTrack(Track track);

    /**
     * The track's end, unless it has one.
     *
     * @throws RecordingEndedException when the recording has ended (nothing written: its manifest lists the track as
     *                                 it was at the end)
     */
    void endTrack(long id, String trackId, Instant endedAt);

    List<Track> tracks(long id);

    /**
     * Appends a closed segment to the recording's hash chain (atomically: the next chain index and
     * link are computed under a lock on the recording), not yet uploaded.
     *
     * @throws RecordingEndedException when the recording has ended (nothing written: issue 14, a paused owner's capture
     *                                 after another instance ended the recording)
     */
    Segment appendSegment(long id, String trackId, int trackIndex, String key, long bytes, String sha256,
                          Instant startedAt, Instant endedAt, long durationMs);

    /**
     * As {@link #appendSegment}, also to a recording that has ended (not deleted): a segment its lost instance left in
     * its spool and recovers when it comes back, after another instance ended the recording (issue 14). The caller
     * writes the manifest again ({@link #manifestRewritten}).
     */
    Segment appendRecoveredSegment(long id, String trackId, int trackIndex, String key, long bytes, String sha256,
                                   Instant startedAt, Instant endedAt, long durationMs);

    void markUploaded(long id, int chainIndex, Instant at);

    List<Segment> segments(long id);

    /** Segments of every recording not yet in storage (to upload after a restart). */
    List<Segment> notUploaded();

    void composed(long id, Recording.ComposedState state, int progress, String key, Long bytes, String error);

    // ------------------------------------------------------------------ composed on compose nodes (V34)

    /**
     * A composition queued for the compose nodes ({@code lianxin.recording.compose.where=compose-nodes}) as a compose
     * worker sees it: who holds it and until when, when it was queued and when its file was stored, and the epoch of
     * its latest claim (V36: bumped by every claim).
     */
    record ComposeLease(long recordingId, Recording.ComposedState state, String holder, Instant leaseUntil,
                        Instant queuedAt, Instant composedAt, long epoch) {
    }

    /**
     * A worker's claim on a composition: the recording and the claim's epoch, its fencing token (every later call of
     * the worker on it passes the epoch; after another claim it is refused).
     */
    record ComposeClaimed(Recording recording, long epoch) {
        public long id() {
            return recording.id();
        }
    }

    /**
     * The compose nodes' queue now: compositions waiting for a worker (QUEUED, also those given back until their
     * retry), being made (RUNNING, also those whose lease lapsed and nobody took yet), and when the longest-waiting one
     * was queued (null: none waits).
     */
    record ComposeQueue(long waiting, long running, Instant oldestWaitingSince) {
    }

    /**
     * Queues the recording's composed file for the compose nodes: QUEUED, no holder, claimable at once. Not composed
     * where it was recorded ({@link #composingLeft} leaves it out).
     */
    void queueForComposeNodes(long id, Instant at);

    /**
     * Claims the longest-queued composition that no worker holds (its lease lapsed or it has none: the rule of
     * {@code internal.ComposeClaim}) for {@code holder} until {@code leaseUntil}: RUNNING, with a new epoch. Safe with
     * several workers at once: one claims it, the others get another or none.
     */
    Optional<ComposeClaimed> claimComposition(String holder, Instant now, Instant leaseUntil);

    /**
     * Extends {@code holder}'s lease on the composition and records its progress; false if {@code holder}'s claim of
     * {@code epoch} no longer holds it (the lease lapsed and another claim took it, or it was queued again): stop
     * composing it.
     */
    boolean renewComposition(long id, String holder, long epoch, int progress, Instant now, Instant leaseUntil);

    /**
     * The end of {@code holder}'s composition: DONE (with {@code key}, {@code bytes}, stored at {@code now}) or FAILED
     * (with {@code error}); the lease ends, the holder stays (who composed it). Only while {@code holder}'s claim of
     * {@code epoch} holds it (no other claim since: a lapsed lease nobody took is still its holder's), checked in the
     * same statement; false (nothing changed, {@code key} not referenced) otherwise.
     */
    boolean finishComposition(long id, String holder, long epoch, Recording.ComposedState state, String key,
                              Long bytes, String error, Instant now);

    /**
     * {@code holder} gives the composition back (storage was down, or the worker stops): QUEUED, no holder, claimable
     * again from {@code retryAt}. Only while {@code holder}'s claim of {@code epoch} holds it; false otherwise.
     */
    boolean releaseComposition(long id, String holder, long epoch, Instant now, Instant retryAt);

    /** The recording's composition as the compose nodes see it (empty: no such recording). */
    Optional<ComposeLease> composeLease(long id);

    /** The compose nodes' queue now (for its metrics). */
    ComposeQueue composeQueue();

    void legalHold(long id, boolean hold, String reason, String by, Instant at);

    /** Marks it DELETED (its media are gone); refuses (false) if under legal hold. */
    boolean markDeleted(long id, String by, Instant at);

    /** Ended recordings whose retention has passed and that are not on hold. */
    List<Recording> expired(Instant now);

    void recordAccess(long id, String username, String action, String item, String remoteAddr, Instant at);

    List<Access> accesses(long id);
}
