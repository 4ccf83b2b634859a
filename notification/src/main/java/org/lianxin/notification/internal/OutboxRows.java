package org.lianxin.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.lianxin.notification.Notice;
import org.lianxin.notification.NoticeKind;
import org.lianxin.notification.OutboxEntry;
import org.lianxin.notification.OutboxState;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The SQL of the {@code notification_outbox} table, the same on PostgreSQL and H2; callers hold the transactions. */
final class OutboxRows {
    private static final String ENTRY_COLUMNS = "id, kind, recipient, scope_office_id, subject, dedupe_key, state,"
            + " attempts, last_error, created_at, last_attempt_at, next_attempt_at, sent_at";
    static final int MAX_ERROR = 1000;

    private static final RowMapper<OutboxEntry> ENTRY = (rs, n) -> new OutboxEntry(rs.getLong("id"),
            NoticeKind.valueOf(rs.getString("kind")), rs.getString("recipient"),
            rs.getObject("scope_office_id", Long.class),
            rs.getString("subject"), rs.getString("dedupe_key"), OutboxState.valueOf(rs.getString("state")),
            rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "created_at"),
            instant(rs, "last_attempt_at"), instant(rs, "next_attempt_at"), instant(rs, "sent_at"));

    /** A due row taken by a dispatcher. */
    record Due(long id, String kind, String recipient, String subject, String body, int attempts) {
    }

    private final JdbcClient jdbc;

    OutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException if the dedupe key is there */
    void insert(Notice notice, Long scopeOfficeId, Instant now) {
        Instant due = notice.notBefore() != null && notice.notBefore().isAfter(now) ? notice.notBefore() : now;
        jdbc.sql("insert into notification_outbox (kind, recipient, scope_office_id, subject, body, dedupe_key, state,"
                        + " attempts, not_before, next_attempt_at, created_at) values (?,?,?,?,?,?,'PENDING',0,?,?,?)")
                .params(notice.kind().name(), notice.recipient().encode(), scopeOfficeId, notice.subject(),
                        notice.body(), notice.dedupeKey(), ts(notice.notBefore()), ts(due), ts(now))
                .update();
    }

    boolean keyExists(String dedupeKey) {
        return jdbc.sql("select count(*) from notification_outbox where dedupe_key = ?").param(dedupeKey)
                .query(Integer.class).single() > 0;
    }

    /** The next due row, locked; a row another transaction holds is skipped. */
    Optional<Due> lockNextDue(Instant now) {
        return jdbc.sql("select id, kind, recipient, subject, body, attempts from notification_outbox"
                        + " where state = 'PENDING' and next_attempt_at <= ? order by next_attempt_at, id"
                        + " limit 1 for update skip locked")
                .param(ts(now))
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getString("kind"), rs.getString("recipient"),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts")))
                .optional();
    }

    /** When the earliest waiting notice is due, if any. */
    Optional<Instant> nextDue() {
        return jdbc.sql("select min(next_attempt_at) as due from notification_outbox where state = 'PENDING'")
                .query((rs, n) -> instant(rs, "due")).optional();
    }

    void markSent(long id, int attempts, Instant now, String node) {
        jdbc.sql("update notification_outbox set state = 'SENT', attempts = ?, last_attempt_at = ?, sent_at = ?,"
                        + " sent_by = ? where id = ?")
                .params(attempts, ts(now), ts(now), node, id).update();
    }

    void markRetry(long id, int attempts, Instant now, Instant next, String error) {
        jdbc.sql("update notification_outbox set attempts = ?, last_attempt_at = ?, next_attempt_at = ?,"
                        + " last_error = ? where id = ?")
                .params(attempts, ts(now), ts(next), clip(error), id).update();
    }

    void markFailed(long id, int attempts, Instant now, String error) {
        jdbc.sql("update notification_outbox set state = 'FAILED', attempts = ?, last_attempt_at = ?, last_error = ?"
                        + " where id = ?")
                .params(attempts, ts(now), clip(error), id).update();
    }

    /** FAILED → PENDING, attempts from zero, due now; true if a FAILED row in scope was changed. */
    boolean requeue(long id, Collection<Long> officeIds, boolean includeUnscoped, Instant now) {
        Scope scope = Scope.of(officeIds, includeUnscoped);
        List<Object> params = new ArrayList<>(List.of(ts(now), id));
        params.addAll(scope.params());
        return jdbc.sql("update notification_outbox set state = 'PENDING', attempts = 0, next_attempt_at = ?"
                        + " where id = ? and state = 'FAILED' and " + scope.sql())
                .params(params).update() == 1;
    }

    List<OutboxEntry> failed(Collection<Long> officeIds, boolean includeUnscoped, int limit) {
        Scope scope = Scope.of(officeIds, includeUnscoped);
        List<Object> params = new ArrayList<>(scope.params());
        params.add(limit);
        return jdbc.sql("select " + ENTRY_COLUMNS + " from notification_outbox where state = 'FAILED' and "
                        + scope.sql() + " order by created_at desc, id desc limit ?")
                .params(params).query(ENTRY).list();
    }

    Optional<OutboxEntry> find(long id, Collection<Long> officeIds, boolean includeUnscoped) {
        Scope scope = Scope.of(officeIds, includeUnscoped);
        List<Object> params = new ArrayList<>(List.of(id));
        params.addAll(scope.params());
        return jdbc.sql("select " + ENTRY_COLUMNS + " from notification_outbox where id = ? and " + scope.sql())
                .params(params).query(ENTRY).optional();
    }

    /** A where-clause for "belongs to one of these offices, or to none if asked". */
    private record Scope(String sql, List<Object> params) {
        static Scope of(Collection<Long> officeIds, boolean includeUnscoped) {
            List<Object> ids = new ArrayList<>(officeIds);
            String in = ids.isEmpty() ? "1 = 0"
                    : "scope_office_id in (" + String.join(",", java.util.Collections.nCopies(ids.size(), "?")) + ")";
            return new Scope(includeUnscoped ? "(" + in + " or scope_office_id is null)" : "(" + in + ")", ids);
        }
    }

    static String clip(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }

    /** Instants go in and out of {@code timestamp with time zone} as UTC offsets, the same on PostgreSQL and H2. */
    private static OffsetDateTime ts(Instant instant) {
        return Optional.ofNullable(instant).map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                .orElse(null);
    }
}
