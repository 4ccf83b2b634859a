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
    record Claimed(long id, long endpointId, String url, String msgId, String eventType, String body, int attempts,
                   Instant windowStart, String leaseToken) {
    }

    private final JdbcClient jdbc;

    DeliveryRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    void insertDelivery(long messageId, long endpointId, String caseKey, Instant now) {
        jdbc.sql("insert into webhook_delivery (message_id, endpoint_id, case_key, state, attempts, window_start,"
                        + " next_attempt_at, created_at) values (?,?,?,'PENDING',0,?,?,?)")
                .params(messageId, endpointId, caseKey, ts(now), ts(now), ts(now)).update();
    }

    /**
     * The next due delivery, locked ({@code for update skip locked}: one another transaction is taking is passed
     * over): pending, due, not leased (or its lease lapsed), its endpoint enabled, and no earlier delivery of its case
     * to that endpoint still pending.
     */
    Optional<Long> lockNextDue(Instant now) {
        return jdbc.sql("select d.id from webhook_delivery d where d.state = 'PENDING' and d.next_attempt_at <= ?"
                        + " and (d.lease_until is null or d.lease_until <= ?)"
                        + " and d.endpoint_id in (select e.id from webhook_endpoint e where e.enabled)"
                        + " and (d.case_key is null or not exists (select 1 from webhook_delivery p"
                        + " where p.endpoint_id = d.endpoint_id and p.case_key = d.case_key and p.state = 'PENDING'"
                        + " and p.id < d.id))"
                        + " order by d.next_attempt_at, d.id limit 1 for update skip locked")
                .params(ts(now), ts(now)).query(Long.class).optional();
    }

    /** Leases the locked delivery to {@code node} and reads what sending it needs. */
    Claimed lease(long id, String node, String token, Instant until) {
        jdbc.sql("update webhook_delivery set lease_until = ?, leased_by = ?, lease_token = ? where id = ?")
                .params(ts(until), node, token, id).update();
        return jdbc.sql("select d.id, d.endpoint_id, e.url, m.msg_id, m.event_type, m.body, d.attempts, d.window_start"
                        + " from webhook_delivery d join webhook_message m on m.id = d.message_id"
                        + " join webhook_endpoint e on e.id = d.endpoint_id where d.id = ?")
                .param(id)
                .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getLong("endpoint_id"), rs.getString("url"),
                        rs.getString("msg_id"), rs.getString("event_type"), rs.getString("body"),
                        rs.getInt("attempts"), instant(rs, "window_start"), token))
                .single();
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

    void markDelivered(long id, Instant now) {
        jdbc.sql("update webhook_delivery set state = 'DELIVERED', delivered_at = ?, lease_until = null,"
                        + " lease_token = null where id = ?")
                .params(ts(now), id).update();
    }

    void markRetry(long id, Instant next) {
        jdbc.sql("update webhook_delivery set next_attempt_at = ?, lease_until = null, lease_token = null where id = ?")
                .params(ts(next), id).update();
    }

    void markFailed(long id, String reason) {
        jdbc.sql("update webhook_delivery set state = 'FAILED', last_error = ?, lease_until = null, lease_token = null"
                        + " where id = ?")
                .params(Sql.clip(reason, MAX_ERROR), id).update();
    }

    /** Lets go of a lease without counting an attempt (the dispatcher is stopping). */
    void release(Claimed c) {
        jdbc.sql("update webhook_delivery set lease_until = null, lease_token = null where id = ? and lease_token = ?")
                .params(c.id(), c.leaseToken()).update();
    }

    /**
     * When a pending delivery next becomes claimable by the clock after {@code now} — its retry falls due or its lease
     * lapses — if any.
     */
    Optional<Instant> nextDue(Instant now) {
        return jdbc.sql("select min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))) as due"
                        + " from webhook_delivery where state = 'PENDING'"
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

    /** DELIVERED or FAILED → PENDING, due now, a fresh window; true if changed. */
    boolean requeue(long id, Instant now) {
        return jdbc.sql("update webhook_delivery set state = 'PENDING', next_attempt_at = ?, window_start = ?,"
                        + " delivered_at = null, lease_until = null, lease_token = null"
                        + " where id = ? and state <> 'PENDING'")
                .params(ts(now), ts(now), id).update() == 1;
    }
}
