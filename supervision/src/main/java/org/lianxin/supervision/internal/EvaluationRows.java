package org.lianxin.supervision.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lianxin.supervision.Evaluation;
import org.lianxin.supervision.EvaluationChannel;
import org.lianxin.supervision.EvaluationResult;
import org.lianxin.supervision.ItemKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The SQL of evaluations and of the replies they evaluate. */
final class EvaluationRows {
    private final JdbcClient jdbc;

    EvaluationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest reply of an item: who replied, when, of which item. */
    record ReplyRow(long replyId, long itemId, ItemKind kind, long unitId, java.time.ZoneId zone, String text,
                    Instant at) {
    }

    private static final String LATEST_REPLIES = "select r.id, r.item_id, r.text, r.at, i.kind, i.unit_office_id, "
            + "i.zone from sv_reply r join sv_item i on i.id = r.item_id where i.case_id = ? "
            + "and r.id = (select max(r2.id) from sv_reply r2 where r2.item_id = r.item_id) ";

    private List<ReplyRow> replies(String condition, Object... params) {
        return jdbc.sql(LATEST_REPLIES + condition + " order by r.at, r.id").params(params)
                .query((rs, n) -> new ReplyRow(rs.getLong("id"), rs.getLong("item_id"),
                        ItemKind.valueOf(rs.getString("kind")), rs.getLong("unit_office_id"),
                        java.time.ZoneId.of(rs.getString("zone")), rs.getString("text"), Sql.instant(rs, "at")))
                .list();
    }

    /** Latest replies of the matter's items not evaluated yet. */
    List<ReplyRow> pending(long caseId) {
        return replies("and r.evaluation_id is null", caseId);
    }

    List<ReplyRow> evaluatedBy(long caseId, long evaluationId) {
        return replies("and r.evaluation_id = ?", caseId, evaluationId);
    }

    /** Marks the replies; false if another evaluation took one first. */
    boolean markEvaluated(List<ReplyRow> replies, long evaluationId) {
        int n = 0;
        for (ReplyRow r : replies) {
            n += jdbc.sql("update sv_reply set evaluation_id = ? where id = ? and evaluation_id is null")
                    .params(evaluationId, r.replyId()).update();
        }
        return n == replies.size();
    }

    long insert(long caseId, EvaluationResult result, EvaluationChannel channel, String by, Instant at, String note) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into sv_evaluation (case_id, result, channel, recorded_by, at, note) values (?,?,?,?,?,?)")
                .params(caseId, result.name(), channel.name(), by, Sql.ts(at), note).update(key, "id");
        return key.getKey().longValue();
    }

    List<Evaluation> ofCase(long caseId) {
        return jdbc.sql("select * from sv_evaluation where case_id = ? order by at, id").param(caseId)
                .query((rs, n) -> new Evaluation(rs.getLong("id"), rs.getLong("case_id"),
                        EvaluationResult.valueOf(rs.getString("result")),
                        EvaluationChannel.valueOf(rs.getString("channel")), rs.getString("recorded_by"),
                        Sql.instant(rs, "at"), rs.getString("note"), null)).list();
    }

    Optional<Evaluation> latest(long caseId) {
        List<Evaluation> all = ofCase(caseId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    boolean opened(long caseId, ItemKind kind, Instant since) {
        return jdbc.sql("select count(*) from sv_item where case_id = ? and kind = ? and created_at >= ?")
                .params(caseId, kind.name(), Sql.ts(since)).query(Long.class).single() > 0;
    }
}
