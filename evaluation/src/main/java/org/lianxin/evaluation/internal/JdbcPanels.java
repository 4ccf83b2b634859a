package org.lianxin.evaluation.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.lianxin.evaluation.AssignedMatter;
import org.lianxin.evaluation.MaskedMatter;
import org.lianxin.evaluation.OfficeResult;
import org.lianxin.evaluation.Scores;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What an evaluator reads and scores, and the scores per office and month. */
public final class JdbcPanels {
    private final JdbcClient jdbc;

    public JdbcPanels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<AssignedMatter> assigned(long evaluatorId) {
        return jdbc.sql("select a.draw_id, a.item_id, i.number, i.category, d.draw_month,"
                + " (select count(*) from ev_score s where s.draw_id = a.draw_id and s.item_id = a.item_id"
                + " and s.evaluator_id = a.evaluator_id) from ev_assignment a join ev_draw d on d.id = a.draw_id"
                + " join sv_item i on i.id = a.item_id where a.evaluator_id = ? order by d.draw_month desc,"
                + " a.draw_id, a.sample_pos").param(evaluatorId)
                .query((rs, n) -> new AssignedMatter(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        YearMonth.parse(rs.getString(5)), rs.getLong(6) > 0)).list();
    }

    /** The draw in which the evaluator was drawn for the item, if any (the latest). */
    public Optional<Long> drawFor(long evaluatorId, long itemId) {
        return jdbc.sql("select max(draw_id) from ev_assignment where evaluator_id = ? and item_id = ?")
                .params(evaluatorId, itemId).query(Long.class).optional();
    }

    /** Whether the evaluator was drawn for a matter recorded in the recording (its case, and booking if any). */
    public boolean mayView(long evaluatorId, long recordingId) {
        return jdbc.sql("select count(*) from recording r join sv_item i on i.case_id = r.case_id"
                + " and (i.booking_id is null or r.booking_id = i.booking_id)"
                + " join ev_assignment a on a.item_id = i.id where r.id = ? and a.evaluator_id = ?")
                .params(recordingId, evaluatorId).query(Long.class).single() > 0;
    }

    public MaskedMatter matter(long drawId, long itemId, long evaluatorId) {
        record Head(String number, String caseNumber, String subject, String category, String name, String id,
                String phone, long caseId, Long bookingId) {
        }
        Head h = jdbc.sql("select i.number, c.case_number, c.subject, c.category, c.petitioner_name, c.id_masked,"
                + " c.phone_masked, c.id, i.booking_id from sv_item i join case_file c on c.id = i.case_id"
                + " where i.id = ?").param(itemId)
                .query((rs, n) -> new Head(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8),
                        (Long) rs.getObject(9, Long.class)))
                .single();
        record LastReply(long id, String text, String report) {
        }
        Optional<LastReply> reply = jdbc.sql("select id, text, completion_report from sv_reply where item_id = ?"
                + " order by id desc").param(itemId)
                .query((rs, n) -> new LastReply(rs.getLong(1), rs.getString(2), rs.getString(3))).list().stream()
                .findFirst();
        List<String> attachments = reply.map(r -> jdbc.sql("select d.name from sv_reply_document rd join document d"
                + " on d.id = rd.document_id where rd.reply_id = ? order by rd.position").param(r.id())
                .query(String.class).list()).orElse(List.of());
        List<Long> recordings = jdbc.sql("select id from recording where case_id = ?"
                + " and (cast(? as bigint) is null or booking_id = ?) order by id")
                .params(h.caseId(), h.bookingId(), h.bookingId()).query(Long.class).list();
        Scores mine = jdbc.sql("select legality, timeliness, attitude, outcome, comment from ev_score"
                + " where draw_id = ? and item_id = ? and evaluator_id = ?").params(drawId, itemId, evaluatorId)
                .query((rs, n) -> new Scores(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getString(5))).optional().orElse(null);
        return new MaskedMatter(drawId, itemId, h.number(), h.caseNumber(), h.subject(), h.category(),
                Masking.name(h.name()), h.id(), h.phone(), reply.map(LastReply::text).orElse(null),
                reply.map(LastReply::report).orElse(null), attachments, recordings, mine);
    }

    public boolean scored(long drawId, long itemId, long evaluatorId) {
        return jdbc.sql("select count(*) from ev_score where draw_id = ? and item_id = ? and evaluator_id = ?")
                .params(drawId, itemId, evaluatorId).query(Long.class).single() > 0;
    }

    /** Inserts the score; the key refuses a second one of the evaluator for this matter of this draw. */
    public void score(long drawId, long itemId, long evaluatorId, Scores s, Instant at) {
        jdbc.sql("insert into ev_score (draw_id, item_id, evaluator_id, legality, timeliness, attitude, outcome,"
                + " comment, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(drawId, itemId, evaluatorId, s.legality(), s.timeliness(), s.attitude(), s.result(),
                        s.comment(), Timestamp.from(at)).update();
    }

    public OfficeResult result(long drawId, long officeId, YearMonth month) {
        int sampled = jdbc.sql("select count(distinct item_id) from ev_assignment where draw_id = ?").param(drawId)
                .query(Long.class).single().intValue();
        return jdbc.sql("select count(*), avg(cast(legality as double precision)),"
                + " avg(cast(timeliness as double precision)), avg(cast(attitude as double precision)),"
                + " avg(cast(outcome as double precision)) from ev_score where draw_id = ?").param(drawId)
                .query((rs, n) -> new OfficeResult(officeId, month, sampled, rs.getInt(1),
                        (Double) rs.getObject(2, Double.class), (Double) rs.getObject(3, Double.class),
                        (Double) rs.getObject(4, Double.class), (Double) rs.getObject(5, Double.class)))
                .single();
    }
}
