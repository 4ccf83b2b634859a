package org.lianxin.topics.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lianxin.topics.Decision;
import org.lianxin.topics.KeyState;
import org.lianxin.topics.TopicKey;
import org.lianxin.topics.TopicState;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes of topics, their matters and history; the keys' states for detection. Callers hold the transaction. */
public final class TopicRows {
    public static final String SYSTEM = "system";
    private final JdbcClient jdbc;

    public TopicRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The keys' open topics and last closes, in two aggregate queries; {@code only} restricts to one key. */
    public Map<TopicKey, KeyState> states(Optional<TopicKey> only) {
        String where = only.isPresent() ? " and place_office_id = :place and category = :category" : "";
        Map<String, Object> params = new HashMap<>();
        only.ifPresent(k -> {
            params.put("place", k.placeId());
            params.put("category", k.category());
        });
        Map<TopicKey, Long> open = new HashMap<>();
        jdbc.sql("select place_office_id, category, id from tp_topic where state <> 'CLOSED'" + where).params(params)
                .query(rs -> {
                    open.put(new TopicKey(rs.getString(2), rs.getLong(1)), rs.getLong(3));
                });
        Map<TopicKey, Instant> closed = new HashMap<>();
        jdbc.sql("select place_office_id, category, max(closed_at) from tp_topic where state = 'CLOSED'" + where
                        + " group by place_office_id, category").params(params)
                .query(rs -> {
                    closed.put(new TopicKey(rs.getString(2), rs.getLong(1)), rs.getTimestamp(3).toInstant());
                });
        Map<TopicKey, KeyState> states = new HashMap<>();
        open.forEach((k, id) -> states.put(k, new KeyState(k, id, closed.get(k))));
        closed.forEach((k, at) -> states.putIfAbsent(k, new KeyState(k, null, at)));
        return states;
    }

    /** A new OPEN topic with its matters; the unique open key refuses a second open topic of the key. */
    public long open(Decision.Open d, String placePath, Instant now) {
        TopicKey k = d.key();
        Timestamp at = Timestamp.from(now);
        jdbc.sql("insert into tp_topic (category, place_office_id, place_path, state, open_key, window_days,"
                        + " threshold, matter_count, triggered_at, opened_at) values (?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?)")
                .params(k.category(), k.placeId(), placePath, openKey(k), d.thresholds().windowDays(),
                        d.thresholds().threshold(), d.caseIds().size(), Timestamp.from(d.triggeredAt()), at)
                .update();
        long id = idOf(k);
        addMatters(id, d.caseIds(), at);
        history(id, now, "OPENED", SYSTEM, d.caseIds().size(), null, null);
        return id;
    }

    private long idOf(TopicKey k) {
        return jdbc.sql("select id from tp_topic where open_key = ?").param(openKey(k)).query(Long.class).single();
    }

    /** Adds matters to a topic not closed; false if it was closed meanwhile. */
    public boolean attach(Decision.Attach d, Instant now) {
        int n = jdbc.sql("update tp_topic set matter_count = matter_count + ? where id = ? and state <> 'CLOSED'")
                .params(d.caseIds().size(), d.topicId()).update();
        if (n == 0) return false;
        addMatters(d.topicId(), d.caseIds(), Timestamp.from(now));
        history(d.topicId(), now, "MATTERS_ADDED", SYSTEM, d.caseIds().size(), null, null);
        return true;
    }

    public Optional<TopicState> state(long id) {
        return jdbc.sql("select state from tp_topic where id = ?").param(id).query(String.class).optional()
                .map(TopicState::valueOf);
    }

    /** OPEN → FOLLOWED if still OPEN; false if somebody changed it first. */
    public boolean follow(long id, String by, long leadOfficeId, String note, Instant now) {
        int n = jdbc.sql("update tp_topic set state = 'FOLLOWED', followed_by = ?, followed_at = ?, lead_office_id = ?,"
                        + " note = ? where id = ? and state = 'OPEN'")
                .params(by, Timestamp.from(now), leadOfficeId, note, id).update();
        if (n == 1) history(id, now, "FOLLOWED", by, null, leadOfficeId, note);
        return n == 1;
    }

    /** FOLLOWED → CLOSED if still FOLLOWED; the key may open a new topic from now on. */
    public boolean close(long id, String by, String conclusion, Instant now) {
        int n = jdbc.sql("update tp_topic set state = 'CLOSED', open_key = null, closed_by = ?, closed_at = ?,"
                        + " conclusion = ? where id = ? and state = 'FOLLOWED'")
                .params(by, Timestamp.from(now), conclusion, id).update();
        if (n == 1) history(id, now, "CLOSED", by, null, null, conclusion);
        return n == 1;
    }

    private void addMatters(long topicId, List<Long> caseIds, Timestamp at) {
        for (long caseId : caseIds) {
            jdbc.sql("insert into tp_matter (case_id, topic_id, added_at) values (?, ?, ?)")
                    .params(caseId, topicId, at).update();
        }
    }

    private void history(long topicId, Instant at, String kind, String actor, Integer matters, Long officeId,
                         String text) {
        jdbc.sql("insert into tp_history (topic_id, at, kind, actor, matters, office_id, text)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(topicId, Timestamp.from(at), kind, actor, matters, officeId, text).update();
    }

    static String openKey(TopicKey k) {
        return k.placeId() + "|" + k.category();
    }
}
