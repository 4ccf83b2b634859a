package org.lianxin.topics.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lianxin.topics.OfficeRef;
import org.lianxin.topics.Topic;
import org.lianxin.topics.TopicEvent;
import org.lianxin.topics.TopicMatter;
import org.lianxin.topics.TopicPage;
import org.lianxin.topics.TopicQuery;
import org.lianxin.topics.TopicState;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads of topics: a page of a subtree (one query and one count), one topic, its matters, its history. */
public final class TopicViews {
    private static final String COLUMNS = "select t.id, t.category, t.state, t.matter_count, t.window_days,"
            + " t.threshold, t.triggered_at, t.opened_at, t.followed_by, t.followed_at, t.note, t.closed_by,"
            + " t.closed_at, t.conclusion, p.id as p_id, p.name as p_name, p.name_en as p_name_en,"
            + " p.level as p_level, l.id as l_id, l.name as l_name, l.name_en as l_name_en, l.level as l_level"
            + " from tp_topic t join office p on p.id = t.place_office_id"
            + " left join office l on l.id = t.lead_office_id";
    private final JdbcClient jdbc;

    public TopicViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Topics under {@code path}, newest first; days of {@code q} in {@code zone}. */
    public TopicPage page(String path, TopicQuery q, ZoneId zone) {
        StringBuilder where = new StringBuilder(" where t.place_path like :path");
        Map<String, Object> params = new HashMap<>();
        params.put("path", path + "%");
        if (q.state() != null) {
            where.append(" and t.state = :state");
            params.put("state", q.state().name());
        }
        if (q.category() != null) {
            where.append(" and t.category = :category");
            params.put("category", q.category());
        }
        if (q.from() != null) {
            where.append(" and t.opened_at >= :from");
            params.put("from", Timestamp.from(q.from().atStartOfDay(zone).toInstant()));
        }
        if (q.to() != null) {
            where.append(" and t.opened_at < :to");
            params.put("to", Timestamp.from(q.to().plusDays(1).atStartOfDay(zone).toInstant()));
        }
        long total = jdbc.sql("select count(*) from tp_topic t" + where).params(params).query(Long.class).single();
        params.put("limit", q.limit());
        params.put("offset", q.offset());
        List<Topic> topics = jdbc.sql(COLUMNS + where + " order by t.opened_at desc, t.id desc"
                        + " limit :limit offset :offset").params(params)
                .query((rs, n) -> topic(rs)).list();
        return new TopicPage(topics, total);
    }

    public Optional<Topic> find(long id) {
        return jdbc.sql(COLUMNS + " where t.id = ?").param(id).query((rs, n) -> topic(rs)).optional();
    }

    /** The topic's place path, for jurisdiction. */
    public Optional<String> placePath(long id) {
        return jdbc.sql("select place_path from tp_topic where id = ?").param(id).query(String.class).optional();
    }

    /** The categories that have topics under {@code path}, for the list's filter. */
    public List<String> categories(String path) {
        return jdbc.sql("select distinct category from tp_topic where place_path like ? order by category")
                .param(path + "%").query(String.class).list();
    }

    public List<TopicMatter> matters(long id) {
        return jdbc.sql("select c.id, c.case_number, c.subject, c.status, c.created_at, m.added_at, o.id as o_id,"
                        + " o.name as o_name, o.name_en as o_name_en, o.level as o_level from tp_matter m"
                        + " join case_file c on c.id = m.case_id join office o on o.id = c.office_id"
                        + " where m.topic_id = ? order by c.created_at, c.id").param(id)
                .query((rs, n) -> new TopicMatter(rs.getLong(1), rs.getString(2), rs.getString(3),
                        ref(rs, "o_"), rs.getString(4), instant(rs, "created_at"), instant(rs, "added_at")))
                .list();
    }

    public List<TopicEvent> history(long id) {
        return jdbc.sql("select h.at, h.kind, h.actor, h.matters, h.text, o.id as o_id, o.name as o_name,"
                        + " o.name_en as o_name_en, o.level as o_level from tp_history h"
                        + " left join office o on o.id = h.office_id where h.topic_id = ? order by h.at, h.id")
                .param(id)
                .query((rs, n) -> new TopicEvent(instant(rs, "at"), rs.getString("kind"), rs.getString("actor"),
                        (Integer) rs.getObject("matters", Integer.class), ref(rs, "o_"), rs.getString("text")))
                .list();
    }

    private static Topic topic(ResultSet rs) throws SQLException {
        return new Topic(rs.getLong("id"), rs.getString("category"), ref(rs, "p_"),
                TopicState.valueOf(rs.getString("state")), rs.getInt("matter_count"), rs.getInt("window_days"),
                rs.getInt("threshold"), instant(rs, "triggered_at"), instant(rs, "opened_at"),
                rs.getString("followed_by"), instant(rs, "followed_at"), ref(rs, "l_"), rs.getString("note"),
                rs.getString("closed_by"), instant(rs, "closed_at"), rs.getString("conclusion"));
    }

    private static OfficeRef ref(ResultSet rs, String prefix) throws SQLException {
        long id = rs.getLong(prefix + "id");
        if (rs.wasNull()) return null;
        return new OfficeRef(id, rs.getString(prefix + "name"), rs.getString(prefix + "name_en"),
                rs.getString(prefix + "level"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
