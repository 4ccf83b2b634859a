package org.lianxin.topics.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.lianxin.topics.Matter;
import org.lianxin.topics.Places;
import org.lianxin.topics.TopicKey;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The matters detection reads from the scheduler's case files: first an aggregate count of the window's matters in
 * no topic by office and category (one query for the whole province), folded into places; then the rows of only
 * the keys worth deciding (one query).
 */
public final class MatterRows {
    private static final String UNATTACHED = " from case_file c where c.created_at >= :since"
            + " and not exists (select 1 from tp_matter m where m.case_id = c.id)";
    private final JdbcClient jdbc;

    public MatterRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The case's key, if the case exists and its office is known. */
    public Optional<TopicKey> keyOf(long caseId, Places places) {
        return jdbc.sql("select office_id, category from case_file where id = ?").param(caseId)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional()
                .flatMap(r -> places.placeOf((Long) r[0]).map(p -> new TopicKey((String) r[1], p.id())));
    }

    /**
     * Matters in no topic filed since {@code since}, counted per key; {@code only} restricts to one key (the check
     * after a case was created).
     */
    public Map<TopicKey, Integer> counts(Instant since, Places places, Optional<TopicKey> only) {
        StringBuilder sql = new StringBuilder("select c.office_id, c.category, count(*)").append(UNATTACHED);
        Map<String, Object> params = new HashMap<>();
        params.put("since", Timestamp.from(since));
        restrict(sql, params, only, places);
        sql.append(" group by c.office_id, c.category");
        Map<TopicKey, Integer> counts = new HashMap<>();
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString()).params(params);
        spec.query(rs -> {
            String category = rs.getString(2);
            int n = rs.getInt(3);
            places.placeOf(rs.getLong(1)).ifPresent(p -> counts.merge(new TopicKey(category, p.id()), n, Integer::sum));
        });
        return counts;
    }

    /** The rows of the matters in no topic filed since {@code since} of the keys {@code wanted}. */
    public List<Matter> matters(Instant since, Places places, Set<TopicKey> wanted) {
        if (wanted.isEmpty()) return List.of();
        Set<String> categories = new LinkedHashSet<>();
        Set<Long> offices = new LinkedHashSet<>();
        for (TopicKey k : wanted) {
            categories.add(k.category());
            offices.addAll(places.officesCountingFor(k.placeId()));
        }
        List<Matter> out = new ArrayList<>();
        Predicate<TopicKey> keep = wanted::contains;
        jdbc.sql("select c.id, c.office_id, c.category, c.created_at" + UNATTACHED
                        + " and c.category in (:categories) and c.office_id in (:offices)")
                .param("since", Timestamp.from(since)).param("categories", List.copyOf(categories))
                .param("offices", List.copyOf(offices))
                .query(rs -> {
                    long caseId = rs.getLong(1);
                    String category = rs.getString(3);
                    Instant created = rs.getTimestamp(4).toInstant();
                    places.placeOf(rs.getLong(2)).map(p -> new TopicKey(category, p.id())).filter(keep)
                            .ifPresent(k -> out.add(new Matter(caseId, k, created)));
                });
        return out;
    }

    private static void restrict(StringBuilder sql, Map<String, Object> params, Optional<TopicKey> only,
                                 Places places) {
        if (only.isEmpty()) return;
        sql.append(" and c.category = :category and c.office_id in (:offices)");
        params.put("category", only.get().category());
        params.put("offices", places.officesCountingFor(only.get().placeId()));
    }
}
