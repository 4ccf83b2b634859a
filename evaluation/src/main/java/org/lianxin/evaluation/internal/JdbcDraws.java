package org.lianxin.evaluation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lianxin.evaluation.DrawInputs;
import org.lianxin.evaluation.DrawResult;
import org.lianxin.evaluation.StoredDraw;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Draws, their inputs from the supervision records, and their panels' rows. */
public final class JdbcDraws {
    private final JdbcClient jdbc;

    public JdbcDraws(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The office's completed matters of the month, ascending: its supervision items now COMPLETED whose acceptance
     * (history ACCEPTED) fell in the month in the office's zone. An item accepted twice counts in the month of its
     * last acceptance.
     */
    public long[] completedItems(OfficeRow office, YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(office.zone()).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(office.zone()).toInstant();
        return jdbc.sql("select i.id from sv_item i where i.unit_office_id = ? and i.state = 'COMPLETED'"
                + " and (select max(h.at) from sv_history h where h.item_id = i.id and h.kind = 'ACCEPTED') >= ?"
                + " and (select max(h.at) from sv_history h where h.item_id = i.id and h.kind = 'ACCEPTED') < ?"
                + " order by i.id")
                .params(office.id(), Timestamp.from(from), Timestamp.from(to)).query(Long.class).list().stream()
                .mapToLong(Long::longValue).toArray();
    }

    /** Offices with a matter accepted between the two instants (candidates of the monthly run), ascending. */
    public List<Long> officesWithAcceptances(Instant from, Instant to) {
        return jdbc.sql("select distinct i.unit_office_id from sv_item i join sv_history h on h.item_id = i.id"
                + " where h.kind = 'ACCEPTED' and h.at >= ? and h.at < ? and i.state = 'COMPLETED'"
                + " order by i.unit_office_id").params(Timestamp.from(from), Timestamp.from(to))
                .query(Long.class).list();
    }

    public boolean exists(long officeId, YearMonth month) {
        return jdbc.sql("select count(*) from ev_draw where office_id = ? and draw_month = ?")
                .params(officeId, month.toString()).query(Long.class).single() > 0;
    }

    public long insert(OfficeRow office, DrawInputs in, String algorithm, String seedHex, DrawResult result,
            String by, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into ev_draw (office_id, office_path, draw_month, algorithm, seed_hex, matter_ids,"
                + " evaluator_ids, inputs_hash, result, drawn_by, drawn_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(office.id(), office.path(), in.month().toString(), algorithm, seedHex, ids(in.matterIds()),
                        ids(in.evaluatorIds()), in.hash(), result.canonical(), by, Timestamp.from(at))
                .update(key, "id");
        long id = key.getKey().longValue();
        int s = 0;
        for (DrawResult.Panel p : result.panels()) {
            int e = 0;
            for (long evaluator : p.evaluatorIds()) {
                jdbc.sql("insert into ev_assignment (draw_id, item_id, evaluator_id, sample_pos, panel_pos)"
                        + " values (?, ?, ?, ?, ?)").params(id, p.matterId(), evaluator, s, e++).update();
            }
            s++;
        }
        return id;
    }

    public Optional<StoredDraw> find(long id) {
        return jdbc.sql("select id, office_id, draw_month, matter_ids, evaluator_ids, algorithm, seed_hex,"
                + " inputs_hash, result, drawn_by, drawn_at from ev_draw where id = ?").param(id)
                .query(JdbcDraws::row).optional();
    }

    /** The month's draws of the offices at {@code path} and below, by office path. */
    public List<StoredDraw> within(String path, YearMonth month) {
        return jdbc.sql("select id, office_id, draw_month, matter_ids, evaluator_ids, algorithm, seed_hex,"
                + " inputs_hash, result, drawn_by, drawn_at from ev_draw where office_path like ? and draw_month = ?"
                + " order by office_path, id").params(path + "%", month.toString()).query(JdbcDraws::row).list();
    }

    public Optional<Long> idOf(long officeId, YearMonth month) {
        return jdbc.sql("select id from ev_draw where office_id = ? and draw_month = ?")
                .params(officeId, month.toString()).query(Long.class).optional();
    }

    public String officePath(long drawId) {
        return jdbc.sql("select office_path from ev_draw where id = ?").param(drawId).query(String.class).single();
    }

    static StoredDraw row(ResultSet rs, int n) throws SQLException {
        DrawInputs in = new DrawInputs(YearMonth.parse(rs.getString(3)), rs.getLong(2), parse(rs.getString(4)),
                parse(rs.getString(5)));
        return new StoredDraw(rs.getLong(1), in, rs.getString(6), rs.getString(7), rs.getString(8),
                parseResult(rs.getString(9)), rs.getString(10), rs.getTimestamp(11).toInstant());
    }

    static String ids(long[] ids) {
        StringBuilder b = new StringBuilder();
        for (long id : ids) b.append(b.length() == 0 ? "" : ",").append(id);
        return b.toString();
    }

    static long[] parse(String text) {
        if (text.isEmpty()) return new long[0];
        return Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
    }

    static DrawResult parseResult(String canonical) {
        List<DrawResult.Panel> panels = new ArrayList<>();
        for (String line : canonical.split("\n")) {
            if (line.isEmpty()) continue;
            int colon = line.indexOf(':');
            List<Long> evaluators = Arrays.stream(parse(line.substring(colon + 1))).boxed().toList();
            panels.add(new DrawResult.Panel(Long.parseLong(line.substring(0, colon)), evaluators));
        }
        return new DrawResult(panels);
    }
}
