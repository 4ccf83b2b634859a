package org.lianxin.recording.internal;

import static org.lianxin.recording.internal.RecordingRows.instant;
import static org.lianxin.recording.internal.RecordingRows.truncate;
import static org.lianxin.recording.internal.RecordingRows.ts;

import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog.ComposeClaimed;
import org.lianxin.recording.RecordingCatalog.ComposeLease;
import org.lianxin.recording.RecordingCatalog.ComposeQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog's part for the compositions queued for the compose nodes (V34, V36): {@link ComposeClaim}'s rule in SQL.
 * Every claim bumps the composition's epoch (its fencing token); renewals, the end and the release check holder and
 * epoch in the statement that changes the row, so a worker whose claim was taken over changes nothing.
 */
final class JdbcComposeQueue {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final LongFunction<Optional<Recording>> find;

    JdbcComposeQueue(JdbcClient jdbc, TransactionTemplate tx, LongFunction<Optional<Recording>> find) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.find = find;
    }

    void queue(long id, Instant at) {
        jdbc.sql("update recording set composed_state = 'QUEUED', composed_progress = 0, composed_key = null,"
                        + " composed_bytes = null, composed_error = null, compose_queued_at = ?, compose_holder = null,"
                        + " compose_lease_until = null, composed_at = null where id = ?")
                .params(ts(at), id).update();
    }

    Optional<ComposeClaimed> claim(String holder, Instant now, Instant leaseUntil) {
        // SKIP LOCKED: workers claiming at once pass over each other's candidate instead of queuing on it; the
        // conditional update decides who has it (one row changed, or none: then the next candidate). H2 2.4 accepts
        // the clause too; the catalog contract's many-workers test holds on both.
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<long[]> claimed = tx.execute(s -> {
                Optional<Long> candidate = jdbc.sql("select id from recording where " + ComposeClaim.CLAIMABLE_SQL
                                + " order by compose_queued_at, id limit 1 for update skip locked")
                        .param(ts(now)).query(Long.class).optional();
                return candidate.filter(id -> jdbc.sql("update recording set composed_state = 'RUNNING',"
                                + " composed_progress = 0, compose_holder = ?, compose_lease_until = ?,"
                                + " compose_epoch = compose_epoch + 1 where id = ? and " + ComposeClaim.CLAIMABLE_SQL)
                        .params(holder, ts(leaseUntil), id, ts(now)).update() == 1)
                        .map(id -> new long[] {id, jdbc.sql("select compose_epoch from recording where id = ?")
                                .param(id).query(Long.class).single()});
            });
            if (claimed.isPresent()) {
                long[] c = claimed.get();
                return find.apply(c[0]).map(r -> new ComposeClaimed(r, c[1]));
            }
            boolean more = jdbc.sql("select count(*) from recording where " + ComposeClaim.CLAIMABLE_SQL)
                    .param(ts(now)).query(Long.class).single() > 0;
            if (!more) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    boolean renew(long id, String holder, long epoch, int progress, Instant leaseUntil) {
        return jdbc.sql("update recording set composed_progress = ?, compose_lease_until = ? where id = ? and "
                        + ComposeClaim.HELD_SQL)
                .params(progress, ts(leaseUntil), id, holder, epoch).update() == 1;
    }

    boolean finish(long id, String holder, long epoch, Recording.ComposedState state, String key, Long bytes,
                   String error, Instant now) {
        if (state != Recording.ComposedState.DONE && state != Recording.ComposedState.FAILED) {
            throw new IllegalArgumentException("a composition finishes DONE or FAILED, not " + state);
        }
        return jdbc.sql("update recording set composed_state = ?, composed_progress = ?, composed_key = ?,"
                        + " composed_bytes = ?, composed_error = ?, compose_lease_until = null, composed_at = ?"
                        + " where id = ? and " + ComposeClaim.HELD_SQL)
                .params(state.name(), state == Recording.ComposedState.DONE ? 100 : 0, key, bytes,
                        truncate(error, 500), state == Recording.ComposedState.DONE ? ts(now) : null, id, holder,
                        epoch)
                .update() == 1;
    }

    boolean release(long id, String holder, long epoch, Instant retryAt) {
        return jdbc.sql("update recording set composed_state = 'QUEUED', composed_progress = 0, compose_holder = null,"
                        + " compose_lease_until = ? where id = ? and " + ComposeClaim.HELD_SQL)
                .params(ts(retryAt), id, holder, epoch).update() == 1;
    }

    Optional<ComposeLease> lease(long id) {
        return jdbc.sql("select id, composed_state, compose_holder, compose_lease_until, compose_queued_at, composed_at,"
                        + " compose_epoch from recording where id = ?")
                .param(id)
                .query((rs, n) -> new ComposeLease(rs.getLong("id"),
                        Recording.ComposedState.valueOf(rs.getString("composed_state")), rs.getString("compose_holder"),
                        instant(rs, "compose_lease_until"), instant(rs, "compose_queued_at"),
                        instant(rs, "composed_at"), rs.getLong("compose_epoch")))
                .optional();
    }

    /** The queue's depth: one query (an index on composed_state, compose_queued_at: V34). */
    ComposeQueue depth() {
        return jdbc.sql("select count(case when composed_state = 'QUEUED' then 1 end) as waiting,"
                        + " count(case when composed_state = 'RUNNING' then 1 end) as running,"
                        + " min(case when composed_state = 'QUEUED' then compose_queued_at end) as oldest"
                        + " from recording where composed_state in ('QUEUED', 'RUNNING') and " + ComposeClaim.QUEUED_SQL)
                .query((rs, n) -> new ComposeQueue(rs.getLong("waiting"), rs.getLong("running"),
                        instant(rs, "oldest")))
                .single();
    }
}
