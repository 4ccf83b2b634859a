package org.lianxin.recording.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;

/** The catalog's rows as records, and the column conversions its statements share (out of {@link JdbcRecordingCatalog}). */
final class RecordingRows {

    static final String COLUMNS = "id, kind, room_id, booking_id, consultation_id, case_id, office_id, status,"
            + " created_at, started_at, ended_at, series, segment_count, chain_head, manifest_key, manifest_sha256,"
            + " composed_state, composed_progress, composed_key, composed_bytes, composed_error, retention_until,"
            + " legal_hold, legal_hold_reason, legal_hold_by, legal_hold_at, deleted_at, deleted_by";

    private RecordingRows() {
    }

    static Recording recording(ResultSet rs, int n) throws SQLException {
        return new Recording(rs.getLong("id"), Recording.Kind.valueOf(rs.getString("kind")), rs.getString("room_id"),
                nullableLong(rs, "booking_id"), nullableLong(rs, "consultation_id"), nullableLong(rs, "case_id"),
                rs.getLong("office_id"), Recording.Status.valueOf(rs.getString("status")), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "ended_at"), rs.getInt("series"), rs.getInt("segment_count"),
                rs.getString("chain_head"), rs.getString("manifest_key"), rs.getString("manifest_sha256"),
                Recording.ComposedState.valueOf(rs.getString("composed_state")), rs.getInt("composed_progress"),
                rs.getString("composed_key"), nullableLong(rs, "composed_bytes"), rs.getString("composed_error"),
                instant(rs, "retention_until"), rs.getBoolean("legal_hold"), rs.getString("legal_hold_reason"),
                rs.getString("legal_hold_by"), instant(rs, "legal_hold_at"), instant(rs, "deleted_at"),
                rs.getString("deleted_by"));
    }

    static RecordingCatalog.Segment segment(ResultSet rs, int n) throws SQLException {
        return new RecordingCatalog.Segment(rs.getLong("recording_id"), rs.getInt("chain_index"), rs.getString("track_id"),
                rs.getInt("track_index"), rs.getString("object_key"), rs.getLong("bytes"), rs.getString("sha256"),
                rs.getString("chain"), instant(rs, "started_at"), instant(rs, "ended_at"), rs.getLong("duration_ms"),
                rs.getBoolean("uploaded"));
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
