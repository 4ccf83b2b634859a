package org.lianxin.webhooks.internal;

import static org.lianxin.webhooks.internal.Sql.in;
import static org.lianxin.webhooks.internal.Sql.instant;
import static org.lianxin.webhooks.internal.Sql.intOrNull;
import static org.lianxin.webhooks.internal.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.lianxin.webhooks.AttemptEntry;
import org.lianxin.webhooks.DeliveryEntry;
import org.lianxin.webhooks.DeliveryState;
import org.lianxin.webhooks.WebhookEvent;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The SQL of {@code webhook_message}, {@code webhook_delivery} and {@code webhook_attempt}; callers hold the transactions. */
final class DeliveryRows {
    static final int MAX_ERROR = 1000;
    static final int MAX_RESPONSE = 1024;
    private static final String ENTRY = "select d.id, d.endpoint_id, m.msg_id, m.event_type, d.case_key, d.state,"
            + " d.attempts, d.created_at, d.last_attempt_at, d.next_attempt_at, d.delivered_at, d.last_status,"
            + " d.last_error from webhook_delivery d join webhook_message m on m.id = d.message_id"
            + " join webhook_endpoint e on e.id = d.endpoint_id";
    private static final RowMapper<DeliveryEntry> ENTRY_ROW = (rs, n) -> new DeliveryEntry(rs.getLong("id"),
            rs.getLong("endpoint_id"), rs.getString("msg_id"), rs.getString("event_type"), rs.getString("case_key"),
            DeliveryState.valueOf(rs.getString("state")), rs.getInt("attempts"), instant(rs, "created_at"),
            instant(rs, "last_attempt_at"), instant(rs, "next_attempt_at"), instant(rs, "delivered_at"),
            intOrNull(rs, "last_status"), rs.getString("last_error"));

    /** A delivery claimed by a dispatcher, with what it needs to send it. */
    record Claimed(long id, long endpointId, String caseKey, String url, String msgId, String eventType, String body,
                   int attempts, Instant windowStart, String leaseToken) {
        /** The same lease after {@code n} attempts in all. */
        Claimed afterAttempts(int n) {
            return new Claimed(id, endpointId, caseKey, url, msgId, eventType, body, n, windowStart, leaseToken);
        }
    }

    private final JdbcClient jdbc;
    private final boolean postgres;

    /** @param postgres the database is PostgreSQL: a delivery done is recorded in one statement (else in three) */
    DeliveryRows(JdbcClient jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    boolean keyExists(String dedupeKey) {
        return jdbc.sql("select count(*) from webhook_message where dedupe_key = ?").param(dedupeKey)
                .query(Integer.class).single() > 0;
    }

    /** @throws org.springframework.dao.DuplicateKeyException if the dedupe key is there */
    long insertMessage(String msgId, WebhookEvent event, String body, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into webhook_message (msg_id, event_type, case_key, office_id, dedupe_key, body, created_at)"
                        + " values (?,?,?,?,?,?,?)")
                .params(msgId, event.type().wireName(), event.caseKey(), event.offices().get(0), event.dedupeKey(),
                        body, ts(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /**
     * Queues a delivery, as its case's head if no delivery of its case to that endpoint is pending. The case's last
     * pending delivery is locked first ({@code for update}): a dispatcher recording it then waits for this
     * transaction, and its promotion of the next pending one sees this one; without the lock a delivery recorded
     * meanwhile would promote nothing and leave this one waiting behind nothing.
     */
    void insertDelivery(long messageId, long endpointId, String caseKey, Instant now) {
        boolean head = caseKey == null || jdbc.sql("select id from webhook_delivery where endpoint_id = ? and case_key = ?"
                        + " and state = 'PENDING' order by id desc limit 1 for update")
                .params(endpointId, caseKey).query(Long.class).optional().isEmpty();
        jdbc.sql("insert into webhook_delivery (message_id, endpoint_id, case_key, state, attempts, window_start,"
                        + " next_attempt_at, created_at, case_head) values (?,?,?,'PENDING',0,?,?,?,?)")
                .params(messageId, endpointId, caseKey, ts(now), ts(now), ts(now), head).update();
    }

    /**
     * Claims up to {@code max} due deliveries of distinct cases in one transaction (the caller's) and leases them to
     * {@code node}: the due heads are locked in due order ({@code for update skip locked}: those another transaction
     * is taking are passed over) — pending, their case's head, due, not leased (or the lease lapsed), their endpoint
     * enabled; only heads are walked ({@code webhook_delivery_claim_idx}), so a case's later deliveries cost nothing
     * while they wait, and a claim does not grow with the backlog. A head that is not its case's first pending
     * delivery (two events of a case queued by concurrent transactions, or an earlier one sent again) is no head: it
     * is marked so and others are taken; it becomes the head again when the earlier one is done. Three statements for
     * the whole batch (four when a false head turns up): the heads, what sending them needs with each one's case's
     * first pending delivery, the lease.
     */
    List<Claimed> claimDue(Instant now, int max, String node, Instant lockedOn, String token, Instant until) {
        List<Claimed> claimed = new ArrayList<>();
        while (claimed.size() < max) {
            int want = max - claimed.size();
            List<Long> heads = jdbc.sql("select d.id from webhook_delivery d"
                            + " where d.state = 'PENDING' and d.case_head and d.next_attempt_at <= ?"
                            + " and (d.lease_until is null or d.lease_until <= ?)"
                            + " and d.endpoint_id in (select e.id from webhook_endpoint e where e.enabled)"
                            + " order by d.next_attempt_at, d.id limit ? for update skip locked")
                    .params(ts(now), ts(now), want).query(Long.class).list();
            if (heads.isEmpty()) {
                break;
            }
            List<Claimed> batch = new ArrayList<>();
            List<Long> notHeads = new ArrayList<>();
            List<Object> params = new ArrayList<>(heads);
            jdbc.sql("select d.id, d.endpoint_id, d.case_key, e.url, m.msg_id, m.event_type, m.body, d.attempts,"
                            + " d.window_start, d.next_attempt_at, (select min(p.id) from webhook_delivery p"
                            + " where p.endpoint_id = d.endpoint_id and p.case_key = d.case_key and p.state = 'PENDING')"
                            + " as first_pending from webhook_delivery d join webhook_message m on m.id = d.message_id"
                            + " join webhook_endpoint e on e.id = d.endpoint_id where " + inIds("d.id", heads.size())
                            + " order by d.next_attempt_at, d.id")
                    .params(params)
                    .query(rs -> {
                        long id = rs.getLong("id");
                        String caseKey = rs.getString("case_key");
                        long first = rs.getLong("first_pending");
                        if (caseKey != null && !rs.wasNull() && first != id) {
                            notHeads.add(id);
                        } else {
                            batch.add(new Claimed(id, rs.getLong("endpoint_id"), caseKey,
                                    rs.getString("url"), rs.getString("msg_id"), rs.getString("event_type"),
                                    rs.getString("body"), rs.getInt("attempts"), instant(rs, "window_start"), token));
                        }
                    });
            if (!notHeads.isEmpty()) {
                jdbc.sql("update webhook_delivery set case_head = false where " + inIds("id", notHeads.size()))
                        .params(new ArrayList<Object>(notHeads)).update();
            }
            if (!batch.isEmpty()) {
                List<Object> lease = new ArrayList<>(List.of(ts(until), node, token));
                lease.add(ts(lockedOn)); // may be null: a list, not List.of
                batch.forEach(c -> lease.add(c.id()));
                jdbc.sql("update webhook_delivery set lease_until = ?, leased_by = ?, lease_token = ?,"
                        + " lease_locked_on = ? where "
                        + inIds("id", batch.size())).params(lease).update();
                claimed.addAll(batch);
            }
            if (heads.size() < want) {
                break; // no more due heads
            }
        }
        return claimed;
    }

    private static String inIds(String column, int n) {
        return column + " in (" + String.join(",", java.util.Collections.nCopies(n, "?")) + ")";
    }

    /** After a delivery stopped being PENDING: the next pending one of its case is the head. */
    private int promoteNext(long endpointId, String caseKey) {
        if (caseKey == null) {
            return 0;
        }
        return jdbc.sql("update webhook_delivery set case_head = true where not case_head and id = (select p.id"
                        + " from webhook_delivery p where p.endpoint_id = ? and p.case_key = ? and p.state = 'PENDING'"
                        + " order by p.id limit 1)")
                .params(endpointId, caseKey).update();
    }

    /**
     * Counts the attempt if the lease is still this one's (not lapsed and taken by another): locks the row. While the
     * lease is this one's nobody else changes the count (taking the delivery over changes the token first), so the
     * count is the claimed one plus this attempt.
     *
     * @return the attempt number, or empty if the lease was lost
     */
    Optional<Integer> countAttempt(Claimed c, Instant now, Integer status, String error) {
        int changed = jdbc.sql("update webhook_delivery set attempts = attempts + 1, last_attempt_at = ?,"
                        + " last_status = ?, last_error = ? where id = ? and lease_token = ?")
                .params(ts(now), status, Sql.clip(error, MAX_ERROR), c.id(), c.leaseToken()).update();
        return changed == 1 ? Optional.of(c.attempts() + 1) : Optional.empty();
    }

    void logAttempt(long deliveryId, int attempt, Instant startedAt, Integer status, long latencyMs, String response,
                    String error, String node) {
        jdbc.sql("insert into webhook_attempt (delivery_id, attempt, started_at, status, latency_ms, response, error,"
                        + " node) values (?,?,?,?,?,?,?,?)")
                .params(deliveryId, attempt, ts(startedAt), status, latencyMs, Sql.clip(response, MAX_RESPONSE),
                        Sql.clip(error, MAX_ERROR), Sql.clip(node, 100))
                .update();
    }

    /** @return how many deliveries became their case's head (0 or 1): claimable now */
    int markDelivered(Claimed c, Instant now) {
        jdbc.sql("update webhook_delivery set state = 'DELIVERED', delivered_at = ?, lease_until = null,"
                        + " lease_token = null where id = ?")
                .params(ts(now), c.id()).update();
        return promoteNext(c.endpointId(), c.caseKey());
    }

    /**
     * Records a failed attempt whose retry is due at once and that the same worker sends again without giving the
     * delivery up, if the lease is still this one's: the attempt counted and logged, the retry's time set, the lease
     * (its token kept) renewed to {@code until} for the next attempt. On PostgreSQL one statement (as
     * {@link #recordDelivered}); elsewhere the caller holds the transaction.
     *
     * @return whether it was counted (false: the lease was lost)
     */
    boolean recordRetryAtOnce(Claimed c, Instant startedAt, Instant now, Integer status, String lastError,
                              String error, long latencyMs, String response, String node, Instant next, Instant until) {
        if (!postgres) {
            Optional<Integer> counted = countAttempt(c, now, status, lastError);
            if (counted.isEmpty()) {
                return false;
            }
            logAttempt(c.id(), counted.get(), startedAt, status, latencyMs, response, error, node);
            jdbc.sql("update webhook_delivery set next_attempt_at = ?, lease_until = ? where id = ?")
                    .params(ts(next), ts(until), c.id()).update();
            return true;
        }
        return jdbc.sql("with d as (update webhook_delivery set attempts = attempts + 1, last_attempt_at = ?,"
                        + " last_status = ?, last_error = ?, next_attempt_at = ?, lease_until = ?"
                        + " where id = ? and lease_token = ? returning id, attempts),"
                        + " a as (insert into webhook_attempt (delivery_id, attempt, started_at, status, latency_ms,"
                        + " response, error, node) select id, attempts, ?, ?, ?, ?, ?, ? from d)"
                        + " select count(*) from d")
                .params(ts(now), status, Sql.clip(lastError, MAX_ERROR), ts(next), ts(until), c.id(), c.leaseToken(),
                        ts(startedAt), status, latencyMs, Sql.clip(response, MAX_RESPONSE), Sql.clip(error, MAX_ERROR),
                        Sql.clip(node, 100))
                .query(Integer.class).single() == 1;
    }

    void markRetry(long id, Instant next) {
        jdbc.sql("update webhook_delivery set next_attempt_at = ?, lease_until = null, lease_token = null where id = ?")
                .params(ts(next), id).update();
    }

    /** @return how many deliveries became their case's head (0 or 1): claimable now */
    int markFailed(Claimed c, String reason) {
        jdbc.sql("update webhook_delivery set state = 'FAILED', last_error = ?, lease_until = null, lease_token = null"
                        + " where id = ?")
                .params(Sql.clip(reason, MAX_ERROR), c.id()).update();
        return promoteNext(c.endpointId(), c.caseKey());
    }

    /** {@link #recordDelivered} is one statement, atomic without a transaction around it (PostgreSQL). */
    boolean recordsInOneStatement() {
        return postgres;
    }

    /** A successful attempt recorded: what {@link #recordDelivered} did. */
    record Recorded(boolean counted, int attempt, int promoted) {
    }

    /**
     * Records a 2xx answer if the lease is still this one's: the attempt counted, the delivery DELIVERED, the attempt
     * logged, the next pending delivery of its case made the head — what {@link #countAttempt}, {@link #logAttempt}
     * and {@link #markDelivered} do in a transaction, on PostgreSQL in one statement (data-modifying {@code with}
     * queries, one snapshot: the next pending one is the case's first pending other than this one). The caller holds
     * the transaction on other databases; on PostgreSQL the statement is one on its own.
     */
    Recorded recordDelivered(Claimed c, Instant startedAt, Instant now, int status, long latencyMs, String response,
                             String node) {
        if (!postgres) {
            Optional<Integer> counted = countAttempt(c, now, status, null);
            if (counted.isEmpty()) {
                return new Recorded(false, 0, 0);
            }
            logAttempt(c.id(), counted.get(), startedAt, status, latencyMs, response, null, node);
            return new Recorded(true, counted.get(), markDelivered(c, now));
        }
        Recorded r = jdbc.sql("with d as (update webhook_delivery set attempts = attempts + 1, last_attempt_at = ?,"
                        + " last_status = ?, last_error = null, state = 'DELIVERED', delivered_at = ?,"
                        + " lease_until = null, lease_token = null where id = ? and lease_token = ?"
                        + " returning id, endpoint_id, case_key, attempts),"
                        + " a as (insert into webhook_attempt (delivery_id, attempt, started_at, status, latency_ms,"
                        + " response, error, node) select id, attempts, ?, ?, ?, ?, null, ? from d),"
                        + " p as (update webhook_delivery set case_head = true where not case_head and id = (select"
                        + " min(x.id) from webhook_delivery x join d on x.endpoint_id = d.endpoint_id"
                        + " and x.case_key = d.case_key where x.state = 'PENDING' and x.id <> d.id) returning id)"
                        + " select (select count(*) from d) as counted, (select max(attempts) from d) as attempt,"
                        + " (select count(*) from p) as promoted")
                .params(ts(now), status, ts(now), c.id(), c.leaseToken(), ts(startedAt), status, latencyMs,
                        Sql.clip(response, MAX_RESPONSE), Sql.clip(node, 100))
                .query((rs, n) -> new Recorded(rs.getInt("counted") == 1, rs.getInt("attempt"),
                        rs.getInt("promoted")))
                .single();
        if (r.counted() && r.promoted() == 0 && c.caseKey() != null) {
            // The statement's one snapshot predates an emit that held this delivery's row (it locks its case's last
            // pending one) and committed while the statement waited for it: that emit's delivery, queued behind
            // this one, is not in the snapshot and would be left without a head — its case stuck. A statement of
            // its own sees it.
            return new Recorded(true, r.attempt(), promoteNext(c.endpointId(), c.caseKey()));
        }
        return r;
    }

    /**
     * Releases the leases a dead earlier run of {@code node} held (claimable now, their attempts not counted): those
     * written while it held its lock on the server run that started at {@code lockedOn}. Called by a node that holds
     * its lock on that same server run, before it claims anything: no live process of its name exists, so none of them
     * is being sent. Each is sent again — a duplicate if the dead run's attempt had reached the receiver.
     *
     * @return how many
     */
    int takeBack(String node, Instant lockedOn) {
        return jdbc.sql("update webhook_delivery set lease_until = null, lease_token = null where state = 'PENDING'"
                        + " and lease_token is not null and leased_by = ? and lease_locked_on = ?")
                .params(node, ts(lockedOn)).update();
    }

    /**
     * The other nodes holding running leases written while they held their lock on the server run that started at
     * {@code lockedOn} (PostgreSQL): those {@link #takeOverIfDead} may find dead. Leased deliveries are heads, so only
     * heads are read.
     */
    List<String> peersLeasing(String node, Instant lockedOn, Instant now) {
        return jdbc.sql("select distinct leased_by from webhook_delivery where state = 'PENDING' and case_head"
                        + " and lease_token is not null and lease_until > ? and lease_locked_on = ? and leased_by <> ?")
                .params(ts(now), ts(lockedOn), node).query(String.class).list();
    }

    /**
     * In the caller's transaction (PostgreSQL): if {@code peer}'s node lock ({@code key}) is free — no live process of
     * that name holds it: the run that wrote its leases on this server run is dead — its leases are released as
     * {@link #takeBack} releases a restarted node's own, and claimable at once by any node. The lock is held as a
     * transaction lock meanwhile ({@code pg_try_advisory_xact_lock}, freed at commit): a restart of that node waits for
     * it and then finds nothing left to take back; a node that holds it already is alive and loses nothing.
     *
     * @return how many leases were released (0 if the peer holds its lock)
     */
    int takeOverIfDead(String peer, long key, Instant lockedOn) {
        Boolean free = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(key).query(Boolean.class).single();
        return Boolean.TRUE.equals(free) ? takeBack(peer, lockedOn) : 0;
    }

    /** Lets go of a lease without counting an attempt (the dispatcher is stopping). */
    void release(Claimed c) {
        jdbc.sql("update webhook_delivery set lease_until = null, lease_token = null where id = ? and lease_token = ?")
                .params(c.id(), c.leaseToken()).update();
    }

    /**
     * When a pending delivery next becomes claimable by the clock after {@code now} — its retry falls due or its lease
     * lapses — if any (heads only: the others wait for their case, not for the clock).
     */
    Optional<Instant> nextDue(Instant now) {
        return jdbc.sql("select min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))) as due"
                        + " from webhook_delivery where state = 'PENDING' and case_head"
                        + " and greatest(next_attempt_at, coalesce(lease_until, next_attempt_at)) > ?")
                .param(ts(now)).query((rs, n) -> instant(rs, "due")).optional();
    }

    List<DeliveryEntry> list(long endpointId, Collection<Long> offices, DeliveryState state, int limit) {
        List<Object> params = new ArrayList<>(List.of(endpointId));
        params.addAll(offices);
        String filter = "";
        if (state != null) {
            filter = " and d.state = ?";
            params.add(state.name());
        }
        params.add(limit);
        return jdbc.sql(ENTRY + " where d.endpoint_id = ? and " + in("e.office_id", offices) + filter
                        + " order by d.id desc limit ?")
                .params(params).query(ENTRY_ROW).list();
    }

    Optional<DeliveryEntry> find(long id, Collection<Long> offices) {
        List<Object> params = new ArrayList<>(List.of(id));
        params.addAll(offices);
        return jdbc.sql(ENTRY + " where d.id = ? and " + in("e.office_id", offices)).params(params).query(ENTRY_ROW)
                .optional();
    }

    List<AttemptEntry> attempts(long deliveryId) {
        return jdbc.sql("select id, delivery_id, attempt, started_at, status, latency_ms, response, error, node"
                        + " from webhook_attempt where delivery_id = ? order by attempt, id")
                .param(deliveryId)
                .query((rs, n) -> new AttemptEntry(rs.getLong("id"), rs.getLong("delivery_id"), rs.getInt("attempt"),
                        instant(rs, "started_at"), intOrNull(rs, "status"), rs.getLong("latency_ms"),
                        rs.getString("response"), rs.getString("error"), rs.getString("node")))
                .list();
    }

    /**
     * DELIVERED or FAILED → PENDING, due now, a fresh window; true if changed. Marked as its case's head: if an earlier
     * one of its case is pending, the claim finds out and waits for it.
     */
    boolean requeue(long id, Instant now) {
        return jdbc.sql("update webhook_delivery set state = 'PENDING', next_attempt_at = ?, window_start = ?,"
                        + " delivered_at = null, lease_until = null, lease_token = null, case_head = true"
                        + " where id = ? and state <> 'PENDING'")
                .params(ts(now), ts(now), id).update() == 1;
    }
}
