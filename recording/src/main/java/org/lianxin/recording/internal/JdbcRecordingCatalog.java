package org.lianxin.recording.internal;

import static org.lianxin.recording.internal.RecordingRows.instant;
import static org.lianxin.recording.internal.RecordingRows.truncate;
import static org.lianxin.recording.internal.RecordingRows.ts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.lianxin.recording.HashChain;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.recording.RecordingEndedException;
import org.lianxin.recording.RecordingOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog in the application's database (PostgreSQL or H2; portable SQL). A room has at most one open recording
 * (V39: {@code open_room}, the room id while PENDING or RECORDING and NULL once ended, is UNIQUE; set by
 * {@link #create}, cleared by {@link #finish} and {@link #markDeleted}).
 */
public final class JdbcRecordingCatalog implements RecordingCatalog {

    private static final Logger log = LoggerFactory.getLogger(JdbcRecordingCatalog.class);
    /** Reads and inserts of {@link #openOrCreate} before it gives up (each lost insert means another's is open). */
    private static final int OPEN_ATTEMPTS = 5;

    private static final String COLUMNS = RecordingRows.COLUMNS;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RecordingOutbox outbox;
    private final JdbcComposeQueue composeQueue;

    public JdbcRecordingCatalog(DataSource dataSource, PlatformTransactionManager transactions) {
        this(dataSource, transactions, RecordingOutbox.NONE);
    }

    public JdbcRecordingCatalog(DataSource dataSource, PlatformTransactionManager transactions,
                                RecordingOutbox outbox) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.outbox = java.util.Objects.requireNonNull(outbox, "outbox");
        this.composeQueue = new JdbcComposeQueue(jdbc, tx, this::find);
    }

    @Override
    public Recording create(NewRecording r) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into recording (kind, room_id, booking_id, consultation_id, case_id, office_id, status,"
                        + " instance_id, created_at, chain_head, open_room) values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)")
                .params(r.kind().name(), r.roomId(), r.bookingId(), r.consultationId(), r.caseId(), r.officeId(),
                        r.instanceId(), ts(r.createdAt()), HashChain.GENESIS, r.roomId())
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return find(id).orElseThrow();
    }

    @Override
    public Recording openOrCreate(NewRecording r) {
        for (int attempt = 1; ; attempt++) {
            Optional<Recording> open = openInRoom(r.roomId());
            if (open.isPresent()) {
                return open.get();
            }
            try {
                return create(r);
            } catch (DuplicateKeyException e) { // another instance opened it since the read above: theirs is used
                if (attempt == OPEN_ATTEMPTS) {
                    throw e;
                }
                log.info("room {}: its recording was opened by another instance at the same time; using that one",
                        r.roomId());
            }
        }
    }

    @Override
    public Optional<Recording> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from recording where id = ?").param(id).query(RecordingRows::recording).optional();
    }

    @Override
    public Optional<Recording> openInRoom(String roomId) {
        return jdbc.sql("select " + COLUMNS + " from recording where room_id = ? and status in ('PENDING', 'RECORDING')"
                + " order by id desc").param(roomId).query(RecordingRows::recording).list().stream().findFirst();
    }

    @Override
    public List<Recording> ofBooking(long bookingId) {
        return list("booking_id", bookingId);
    }

    @Override
    public List<Recording> ofCase(long caseId) {
        return list("case_id", caseId);
    }

    @Override
    public List<Recording> ofConsultation(long consultationId) {
        return list("consultation_id", consultationId);
    }

    private List<Recording> list(String column, long value) {
        return jdbc.sql("select " + COLUMNS + " from recording where " + column + " = ? order by id")
                .param(value).query(RecordingRows::recording).list();
    }

    @Override
    public List<Recording> unfinished() {
        return jdbc.sql("select " + COLUMNS + " from recording where status in ('PENDING', 'RECORDING') order by id")
                .query(RecordingRows::recording).list();
    }

    @Override
    public List<Recording> composingLeft(String instanceId) {
        return jdbc.sql("select " + COLUMNS + " from recording where status not in ('PENDING', 'RECORDING', 'DELETED')"
                + " and composed_state in ('QUEUED', 'RUNNING') and compose_queued_at is null and instance_id = ?"
                + " order by id").param(instanceId)
                .query(RecordingRows::recording).list();
    }

    @Override
    public List<Recording> unfinished(String instanceId) {
        return jdbc.sql("select " + COLUMNS + " from recording where status in ('PENDING', 'RECORDING')"
                + " and instance_id = ? order by id").param(instanceId).query(RecordingRows::recording).list();
    }

    @Override
    public void markRecording(long id, Instant at) {
        tx.executeWithoutResult(s -> {
            lockOpen(id, false, "its start");
            jdbc.sql("update recording set status = 'RECORDING', started_at = ? where id = ? and status = 'PENDING'")
                    .params(ts(at), id).update();
        });
    }

    @Override
    public Optional<String> takeOver(long id, String instanceId) {
        return tx.execute(s -> {
            Optional<String> before = jdbc.sql("select instance_id from recording where id = ?"
                            + " and status in ('PENDING', 'RECORDING') for update").param(id).query(String.class)
                    .optional().filter(was -> !was.equals(instanceId));
            before.ifPresent(was -> jdbc.sql("update recording set instance_id = ? where id = ?")
                    .params(instanceId, id).update());
            return before;
        });
    }

    @Override
    public int nextSeries(long id) {
        return tx.execute(s -> {
            lockOpen(id, false, "a new series");
            jdbc.sql("update recording set series = series + 1 where id = ?").param(id).update();
            return jdbc.sql("select series from recording where id = ?").param(id).query(Integer.class).single();
        });
    }

    @Override
    public boolean finish(long id, Recording.Status status, Instant endedAt, String manifestKey, String manifestSha256,
                          Instant retentionUntil, String chainHead) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            int changed = jdbc.sql("update recording set status = ?, ended_at = ?, manifest_key = ?,"
                            + " manifest_sha256 = ?, retention_until = ?, open_room = null where id = ?"
                            + " and status in ('PENDING', 'RECORDING') and chain_head = ?")
                    .params(status.name(), ts(endedAt), manifestKey, manifestSha256, ts(retentionUntil), id, chainHead)
                    .update();
            if (changed == 1) {
                outbox.ended(find(id).orElseThrow());
            }
            return changed == 1;
        }));
    }

    @Override
    public boolean manifestRewritten(long id, String manifestSha256, String chainHead) {
        return jdbc.sql("update recording set manifest_sha256 = ? where id = ?"
                        + " and status in ('COMPLETED', 'INTERRUPTED', 'EMPTY') and chain_head = ?")
                .params(manifestSha256, id, chainHead).update() == 1;
    }

    @Override
    public void addEvent(long id, Manifest.TimelineEntry e) {
        addEvent(id, e, false);
    }

    @Override
    public void addEventAfterEnd(long id, Manifest.TimelineEntry e) {
        addEvent(id, e, true);
    }

    private void addEvent(long id, Manifest.TimelineEntry e, boolean afterEnd) {
        tx.executeWithoutResult(s -> {
            lockOpen(id, afterEnd, "event " + e.type());
            int seq = jdbc.sql("select coalesce(max(seq), -1) + 1 from recording_event where recording_id = ?")
                    .param(id).query(Integer.class).single();
            jdbc.sql("insert into recording_event (recording_id, seq, at, type, participant_id, role, detail)"
                            + " values (?, ?, ?, ?, ?, ?, ?)")
                    .params(id, seq, ts(e.at()), e.type(), e.participantId(), e.role(), truncate(e.detail(), 500))
                    .update();
        });
    }

    @Override
    public List<Manifest.TimelineEntry> timeline(long id) {
        return jdbc.sql("select at, type, participant_id, role, detail from recording_event where recording_id = ?"
                        + " order by at, seq")
                .param(id)
                .query((rs, n) -> new Manifest.TimelineEntry(instant(rs, "at"), rs.getString("type"),
                        rs.getString("participant_id"), rs.getString("role"), rs.getString("detail")))
                .list();
    }

    @Override
    public void addGap(long id, Manifest.Gap gap) {
        tx.executeWithoutResult(s -> {
            lockOpen(id, false, "gap");
            jdbc.sql("insert into recording_gap (recording_id, from_at, to_at, reason) values (?, ?, ?, ?)")
                    .params(id, ts(gap.from()), ts(gap.to()), truncate(gap.reason(), 200)).update();
        });
    }

    @Override
    public List<Manifest.Gap> gaps(long id) {
        return jdbc.sql("select from_at, to_at, reason from recording_gap where recording_id = ? order by from_at")
                .param(id)
                .query((rs, n) -> new Manifest.Gap(instant(rs, "from_at"), instant(rs, "to_at"), rs.getString("reason")))
                .list();
    }

    @Override
    public void addTrack(Track t) {
        tx.executeWithoutResult(s -> {
            lockOpen(t.recordingId(), false, "track " + t.trackId());
            jdbc.sql("insert into recording_track (recording_id, track_id, participant_id, display_name, role, series,"
                        + " started_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(t.recordingId(), t.trackId(), t.participantId(), truncate(t.displayName(), 200), t.role(),
                        t.series(), ts(t.startedAt()))
                .update();
        });
    }

    @Override
    public void endTrack(long id, String trackId, Instant endedAt) {
        tx.executeWithoutResult(s -> {
            lockOpen(id, false, "the end of track " + trackId);
            jdbc.sql("update recording_track set ended_at = ? where recording_id = ? and track_id = ?"
                            + " and ended_at is null")
                    .params(ts(endedAt), id, trackId).update();
        });
    }

    @Override
    public List<Track> tracks(long id) {
        return jdbc.sql("select * from recording_track where recording_id = ? order by started_at, track_id")
                .param(id)
                .query((rs, n) -> new Track(rs.getLong("recording_id"), rs.getString("track_id"),
                        rs.getString("participant_id"), rs.getString("display_name"), rs.getString("role"),
                        rs.getInt("series"), instant(rs, "started_at"), instant(rs, "ended_at"),
                        rs.getInt("segment_count")))
                .list();
    }

    @Override
    public Segment appendSegment(long id, String trackId, int trackIndex, String key, long bytes, String sha256,
                                 Instant startedAt, Instant endedAt, long durationMs) {
        return append(id, false, trackId, trackIndex, key, bytes, sha256, startedAt, endedAt, durationMs);
    }

    @Override
    public Segment appendRecoveredSegment(long id, String trackId, int trackIndex, String key, long bytes,
                                          String sha256, Instant startedAt, Instant endedAt, long durationMs) {
        return append(id, true, trackId, trackIndex, key, bytes, sha256, startedAt, endedAt, durationMs);
    }

    private Segment append(long id, boolean afterEnd, String trackId, int trackIndex, String key, long bytes,
                           String sha256, Instant startedAt, Instant endedAt, long durationMs) {
        return tx.execute(s -> {
            Object[] head = jdbc.sql("select chain_head, segment_count, status from recording where id = ? for update")
                    .param(id).query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3)})
                    .single();
            Recording.Status status = Recording.Status.valueOf((String) head[2]);
            boolean open = status == Recording.Status.PENDING || status == Recording.Status.RECORDING;
            if (status == Recording.Status.DELETED || !open && !afterEnd) {
                throw new RecordingEndedException(id, "segment " + key);
            }
            int index = (Integer) head[1];
            String chain = HashChain.link((String) head[0], key, sha256);
            jdbc.sql("insert into recording_segment (recording_id, chain_index, track_id, track_index, object_key, bytes,"
                            + " sha256, chain, started_at, ended_at, duration_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, index, trackId, trackIndex, key, bytes, sha256, chain, ts(startedAt), ts(endedAt),
                            durationMs)
                    .update();
            jdbc.sql("update recording set chain_head = ?, segment_count = segment_count + 1 where id = ?")
                    .params(chain, id).update();
            jdbc.sql("update recording_track set segment_count = segment_count + 1 where recording_id = ? and track_id = ?")
                    .params(id, trackId).update();
            return new Segment(id, index, trackId, trackIndex, key, bytes, sha256, chain, startedAt, endedAt,
                    durationMs, false);
        });
    }

    @Override
    public void markUploaded(long id, int chainIndex, Instant at) {
        jdbc.sql("update recording_segment set uploaded = true, uploaded_at = ? where recording_id = ? and chain_index = ?")
                .params(ts(at), id, chainIndex).update();
    }

    @Override
    public List<Segment> segments(long id) {
        return jdbc.sql("select * from recording_segment where recording_id = ? order by chain_index")
                .param(id).query(RecordingRows::segment).list();
    }

    @Override
    public List<Segment> notUploaded() {
        return jdbc.sql("select * from recording_segment where uploaded = false order by recording_id, chain_index")
                .query(RecordingRows::segment).list();
    }

    @Override
    public void composed(long id, Recording.ComposedState state, int progress, String key, Long bytes, String error) {
        jdbc.sql("update recording set composed_state = ?, composed_progress = ?, composed_key = ?, composed_bytes = ?,"
                        + " composed_error = ? where id = ?")
                .params(state.name(), progress, key, bytes, truncate(error, 500), id).update();
    }

    // ------------------------------------------------------------------ composed on compose nodes (JdbcComposeQueue)

    @Override
    public void queueForComposeNodes(long id, Instant at) {
        composeQueue.queue(id, at);
    }

    @Override
    public Optional<ComposeClaimed> claimComposition(String holder, Instant now, Instant leaseUntil) {
        return composeQueue.claim(holder, now, leaseUntil);
    }

    @Override
    public boolean renewComposition(long id, String holder, long epoch, int progress, Instant now,
                                    Instant leaseUntil) {
        return composeQueue.renew(id, holder, epoch, progress, leaseUntil);
    }

    @Override
    public boolean finishComposition(long id, String holder, long epoch, Recording.ComposedState state, String key,
                                     Long bytes, String error, Instant now) {
        return composeQueue.finish(id, holder, epoch, state, key, bytes, error, now);
    }

    @Override
    public boolean releaseComposition(long id, String holder, long epoch, Instant now, Instant retryAt) {
        return composeQueue.release(id, holder, epoch, retryAt);
    }

    @Override
    public Optional<ComposeLease> composeLease(long id) {
        return composeQueue.lease(id);
    }

    @Override
    public ComposeQueue composeQueue() {
        return composeQueue.depth();
    }

    @Override
    public void legalHold(long id, boolean hold, String reason, String by, Instant at) {
        jdbc.sql("update recording set legal_hold = ?, legal_hold_reason = ?, legal_hold_by = ?, legal_hold_at = ?"
                        + " where id = ?")
                .params(hold, hold ? truncate(reason, 500) : null, by, ts(at), id).update();
    }

    @Override
    public boolean markDeleted(long id, String by, Instant at) {
        return jdbc.sql("update recording set status = 'DELETED', deleted_at = ?, deleted_by = ?, open_room = null"
                        + " where id = ? and legal_hold = false and status <> 'DELETED'")
                .params(ts(at), by, id).update() == 1;
    }

    @Override
    public List<Recording> expired(Instant now) {
        return jdbc.sql("select " + COLUMNS + " from recording where status in ('COMPLETED', 'INTERRUPTED', 'EMPTY')"
                        + " and legal_hold = false and retention_until is not null and retention_until <= ? order by id")
                .param(ts(now)).query(RecordingRows::recording).list();
    }

    @Override
    public void recordAccess(long id, String username, String action, String item, String remoteAddr, Instant at) {
        jdbc.sql("insert into recording_access (recording_id, at, username, action, item, remote_addr)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(id, ts(at), truncate(username, 100), action, truncate(item, 512), truncate(remoteAddr, 64))
                .update();
    }

    @Override
    public List<Access> accesses(long id) {
        return jdbc.sql("select * from recording_access where recording_id = ? order by at, id")
                .param(id)
                .query((rs, n) -> new Access(rs.getLong("id"), rs.getLong("recording_id"), instant(rs, "at"),
                        rs.getString("username"), rs.getString("action"), rs.getString("item"),
                        rs.getString("remote_addr")))
                .list();
    }

    // ------------------------------------------------------------------ rows

    /**
     * Locks the recording's row; refuses (issue 14) when it has ended, unless {@code afterEnd} (then only when
     * deleted). A recording that does not exist is not refused (the insert that follows fails on its reference).
     */
    private void lockOpen(long id, boolean afterEnd, String what) {
        Optional<String> status = jdbc.sql("select status from recording where id = ? for update").param(id)
                .query(String.class).optional();
        if (status.isEmpty()) {
            return;
        }
        boolean open = status.get().equals("PENDING") || status.get().equals("RECORDING");
        if (status.get().equals("DELETED") || !open && !afterEnd) {
            throw new RecordingEndedException(id, what);
        }
    }
}
