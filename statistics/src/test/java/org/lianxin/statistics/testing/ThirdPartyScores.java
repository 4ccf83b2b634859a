package org.lianxin.statistics.testing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The third-party evaluation of {@link StatisticsData} (evaluation module's tables): a pool of evaluators kept by the
 * province, one draw per unit and month holding the completed items sampled, a panel of three per item, and the scores
 * the panel gave (legality, timeliness, attitude, result, each 1–5; some panellists have not scored yet). The draws'
 * seeds and hashes are placeholders: these rows feed the statistics, not the draw's verification.
 */
final class ThirdPartyScores {
    private static final int POOL = 6;
    private static final int PANEL = 3;

    private final StatisticsData d;
    private final Random random;
    private final List<Object[]> evaluators = new ArrayList<>();
    private final Map<String, Draw> draws = new LinkedHashMap<>();
    private final List<Object[]> assignments = new ArrayList<>();
    private final List<Object[]> scores = new ArrayList<>();

    /** One draw's row, filled as items are sampled into it. */
    private static final class Draw {
        final long id;
        final long officeId;
        final String officePath;
        final String month;
        final Instant at;
        final List<String> lines = new ArrayList<>();
        final List<String> items = new ArrayList<>();

        Draw(long id, long officeId, String officePath, String month, Instant at) {
            this.id = id;
            this.officeId = officeId;
            this.officePath = officePath;
            this.month = month;
            this.at = at;
        }
    }

    ThirdPartyScores(StatisticsData d, long provinceId, String provincePath) {
        this.d = d;
        this.random = d.random();
        String[] kinds = {"EXPERT", "DEPUTY", "CITIZEN_REP"};
        for (int i = 0; i < POOL; i++) {
            evaluators.add(new Object[] {d.nextEvaluator(), "评议员" + i, kinds[i % kinds.length], provinceId,
                provincePath, true, "gen", StatisticsData.ts(d.shape().firstDay().atStartOfDay(StatisticsData.ZONE)
                    .toInstant())});
        }
    }

    /** Half of the completed items are sampled in their unit's draw of the month after {@code completedAt}. */
    void completed(long itemId, long unitId, String unitPath, Instant completedAt) {
        if (random.nextInt(2) != 0) return;
        Instant drawnAt = completedAt.plusSeconds(86_400L * (1 + random.nextInt(20)));
        String month = YearMonth.from(drawnAt.atZone(StatisticsData.ZONE)).toString();
        Draw draw = draws.computeIfAbsent(unitId + "/" + month,
                k -> new Draw(d.nextDraw(), unitId, unitPath, month, drawnAt));
        List<Object[]> pool = new ArrayList<>(evaluators);
        List<String> panel = new ArrayList<>();
        for (int p = 0; p < PANEL; p++) {
            long evaluator = (Long) pool.remove(random.nextInt(pool.size()))[0];
            panel.add(Long.toString(evaluator));
            assignments.add(new Object[] {draw.id, itemId, evaluator, draw.items.size(), p});
            if (random.nextInt(4) == 0) continue; // not scored yet
            Instant at = draw.at.plusSeconds(random.nextInt(10 * 86_400));
            scores.add(new Object[] {draw.id, itemId, evaluator, mark(), mark(), mark(), mark(), "gen",
                StatisticsData.ts(at)});
        }
        draw.items.add(Long.toString(itemId));
        draw.lines.add(itemId + ":" + String.join(",", panel));
    }

    private short mark() {
        return (short) (1 + random.nextInt(5));
    }

    void write(Matters inserts) {
        inserts.insert("insert into ev_evaluator (id, name, kind, pool_office_id, pool_path, active, created_by, "
                + "created_at) values (?,?,?,?,?,?,?,?)", evaluators);
        List<Object[]> rows = new ArrayList<>();
        String evaluatorIds = String.join(",", evaluators.stream().map(e -> e[0].toString()).toList());
        for (Draw draw : draws.values()) {
            rows.add(new Object[] {draw.id, draw.officeId, draw.officePath, draw.month, "lianxin-draw-v1",
                "0".repeat(64), String.join(",", draw.items), evaluatorIds, "0".repeat(64),
                String.join("\n", draw.lines), "gen", StatisticsData.ts(draw.at)});
        }
        inserts.insert("insert into ev_draw (id, office_id, office_path, draw_month, algorithm, seed_hex, matter_ids, "
                + "evaluator_ids, inputs_hash, result, drawn_by, drawn_at) values (?,?,?,?,?,?,?,?,?,?,?,?)", rows);
        inserts.insert("insert into ev_assignment (draw_id, item_id, evaluator_id, sample_pos, panel_pos) "
                + "values (?,?,?,?,?)", assignments);
        inserts.insert("insert into ev_score (draw_id, item_id, evaluator_id, legality, timeliness, attitude, outcome, "
                + "comment, at) values (?,?,?,?,?,?,?,?,?)", scores);
    }
}
