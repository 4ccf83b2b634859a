package org.lianxin.webhooks.internal;

import static org.lianxin.webhooks.internal.Sql.in;
import static org.lianxin.webhooks.internal.Sql.instant;
import static org.lianxin.webhooks.internal.Sql.params;
import static org.lianxin.webhooks.internal.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lianxin.webhooks.Endpoint;
import org.lianxin.webhooks.EndpointDraft;
import org.lianxin.webhooks.EventType;
import org.lianxin.webhooks.WebhookSecret;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The SQL of {@code webhook_endpoint} and {@code webhook_secret} (secrets sealed at rest); callers hold the transactions. */
final class EndpointRows {
    private static final String COLUMNS = "id, office_id, url, description, event_types, enabled, disabled_reason,"
            + " created_at, updated_at";

    private final JdbcClient jdbc;
    private final SecretSealing sealing;

    EndpointRows(JdbcClient jdbc, SecretSealing sealing) {
        this.jdbc = jdbc;
        this.sealing = sealing;
    }

    long insert(long officeId, EndpointDraft draft, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into webhook_endpoint (office_id, url, description, event_types, enabled, created_at,"
                        + " updated_at) values (?,?,?,?,?,?,?)")
                .params(officeId, draft.url(), draft.description(), types(draft.eventTypes()), draft.enabled(),
                        ts(now), ts(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    boolean update(long id, EndpointDraft draft, Collection<Long> offices, Instant now) {
        List<Object> params = new ArrayList<>(List.of(draft.url(), draft.description(), types(draft.eventTypes()),
                draft.enabled(), draft.enabled(), "由管理员停用 / turned off by an administrator", ts(now), id));
        params.addAll(offices);
        return jdbc.sql("update webhook_endpoint set url = ?, description = ?, event_types = ?, enabled = ?,"
                        + " disabled_reason = case when ? then null else coalesce(disabled_reason, ?) end,"
                        + " updated_at = ? where id = ? and " + in("office_id", offices))
                .params(params).update() == 1;
    }

    void disable(long id, String reason, Instant now) {
        jdbc.sql("update webhook_endpoint set enabled = false, disabled_reason = ?, updated_at = ? where id = ?")
                .params(Sql.clip(reason, 300), ts(now), id).update();
    }

    boolean delete(long id, Collection<Long> offices) {
        jdbc.sql("delete from webhook_attempt where delivery_id in (select id from webhook_delivery where endpoint_id = ?)")
                .param(id).update();
        return jdbc.sql("delete from webhook_endpoint where id = ? and " + in("office_id", offices))
                .params(params(id, offices)).update() == 1;
    }

    void addSecret(long endpointId, WebhookSecret secret, Instant now) {
        jdbc.sql("insert into webhook_secret (endpoint_id, secret, created_at) values (?,?,?)")
                .params(endpointId, sealing.seal(secret), ts(now)).update();
    }

    /** Current secrets start expiring at {@code until}. */
    void expireSecrets(long endpointId, Instant until) {
        jdbc.sql("update webhook_secret set expires_at = ? where endpoint_id = ? and (expires_at is null or expires_at > ?)")
                .params(ts(until), endpointId, ts(until)).update();
    }

    /** The secrets that sign now, newest first. */
    List<WebhookSecret> activeSecrets(long endpointId, Instant now) {
        return jdbc.sql("select secret from webhook_secret where endpoint_id = ? and (expires_at is null"
                        + " or expires_at > ?) order by id desc")
                .params(endpointId, ts(now)).query((rs, n) -> sealing.read(rs.getString(1))).list();
    }

    Optional<Endpoint> find(long id, Collection<Long> offices, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where id = ? and " + in("office_id", offices))
                .params(params(id, offices)).query(this::row).optional().map(e -> withSecrets(e, now));
    }

    /** The endpoint, whoever owns it (the dispatcher's view). */
    Optional<Endpoint> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where id = ?").param(id).query(this::row)
                .optional();
    }

    List<Endpoint> list(Collection<Long> offices, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where " + in("office_id", offices)
                        + " order by office_id, id")
                .params(params(null, offices)).query(this::row).list().stream().map(e -> withSecrets(e, now))
                .toList();
    }

    /** Enabled endpoints of these offices that receive {@code type}. */
    List<Long> receivers(EventType type, Collection<Long> offices) {
        return jdbc.sql("select id, event_types from webhook_endpoint where enabled and " + in("office_id", offices))
                .params(params(null, offices))
                .query((rs, n) -> Map.entry(rs.getLong(1), parseTypes(rs.getString(2)))).list().stream()
                .filter(e -> e.getValue().isEmpty() || e.getValue().contains(type)).map(Map.Entry::getKey)
                .toList();
    }

    private Endpoint withSecrets(Endpoint e, Instant now) {
        List<Endpoint.SecretView> secrets = jdbc.sql("select id, secret, created_at, expires_at from webhook_secret"
                        + " where endpoint_id = ? and (expires_at is null or expires_at > ?) order by id desc")
                .params(e.id(), ts(now))
                .query((rs, n) -> new Endpoint.SecretView(rs.getLong("id"),
                        sealing.read(rs.getString("secret")).masked(), instant(rs, "created_at"),
                        instant(rs, "expires_at")))
                .list();
        return new Endpoint(e.id(), e.officeId(), e.url(), e.description(), e.eventTypes(), e.enabled(),
                e.disabledReason(), secrets, e.createdAt(), e.updatedAt());
    }

    private Endpoint row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Endpoint(rs.getLong("id"), rs.getLong("office_id"), rs.getString("url"),
                rs.getString("description"), parseTypes(rs.getString("event_types")), rs.getBoolean("enabled"),
                rs.getString("disabled_reason"), List.of(), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static String types(Set<EventType> types) {
        return types.stream().sorted().map(EventType::wireName).collect(Collectors.joining(","));
    }

    static Set<EventType> parseTypes(String text) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(s -> EventType.ofWireName(s).ifPresent(types::add));
        return types;
    }
}
