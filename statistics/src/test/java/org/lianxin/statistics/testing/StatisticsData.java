package org.lianxin.statistics.testing;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated data for the statistics, seeded and reproducible (the same seed and shape give the same rows): a province
 * with cities, counties and departments, each with an official and a terminal; matters (case files) over a year;
 * bookings in every state with their events (check-in, start, end; some without a check-in record); supervision items
 * in every state with deadlines, some extended, replies on time and late, and evaluations of every result; third-party
 * scores (an evaluator pool, monthly draws per unit, panels of three) of some completed items. Times are
 * spread over the whole day in the office's zone, so that a range taken in UTC instead of the zone counts differently.
 * Written straight into the tables by batches (the bench fills a province-sized year with it); fills a fresh database:
 * ids are taken from one above the largest in use.
 */
public final class StatisticsData {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final List<String> CATEGORIES = List.of("征地拆迁", "劳动社保", "住房保障", "环境保护", "医疗卫生");
    private static final String[] BOOKING_STATES = {"BOOKED", "CHECKED_IN", "IN_SESSION", "COMPLETED", "CANCELLED",
        "NO_SHOW", "INTERRUPTED"};
    private static final String[] ITEM_STATES = {"PENDING_SIGN", "IN_PROGRESS", "REPLIED", "COMPLETED", "RETURNED"};
    private static final String[] RESULTS = {"SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED"};

    /** How much: cities, counties per city, departments per office, matters per office, first day, days spread. */
    public record Shape(int cities, int countiesPerCity, int departmentsPerOffice, int mattersPerOffice,
                        LocalDate firstDay, int days) {
        public static Shape small() {
            return new Shape(3, 2, 1, 12, LocalDate.of(2026, 1, 1), 240);
        }
    }

    /** What was generated: the province's id and every office's id. */
    public record Generated(long provinceId, List<Long> offices, long bookings, long items) {
    }

    private final JdbcTemplate jdbc;
    private final Random random;
    private final Shape shape;
    private final List<long[]> offices = new ArrayList<>(); // id, parent id (0 for none), official id, terminal id
    private final List<String> paths = new ArrayList<>();
    private long officeId;
    private long officialId;
    private long terminalId;
    private long caseId;
    private long bookingId;
    private long eventId;
    private long itemId;
    private long replyId;
    private long evaluationId;
    private long evaluatorId;
    private long drawId;

    public StatisticsData(DataSource dataSource, long seed, Shape shape) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.random = new Random(seed);
        this.shape = shape;
    }

    /** A new province with its cities, counties and departments, and their matters. */
    public Generated generate() {
        return generate(0, null);
    }

    /**
     * With {@code rootId} and {@code rootPath} of an existing office, the cities and their subtrees are made under it
     * (a running application's own province) and the root itself gets no matters; with 0 and null, a new province.
     */
    public Generated generate(long rootId, String rootPath) {
        officeId = next("office");
        officialId = next("official");
        terminalId = next("terminal");
        caseId = next("case_file");
        bookingId = next("booking");
        eventId = next("booking_event");
        itemId = next("sv_item");
        replyId = next("sv_reply");
        evaluationId = next("sv_evaluation");
        evaluatorId = next("ev_evaluator");
        drawId = next("ev_draw");
        long province = rootId != 0 ? rootId : office(0, "PROVINCE", "/");
        String provincePath = rootId != 0 ? rootPath : paths.get(0);
        for (int c = 0; c < shape.cities(); c++) {
            long city = office(province, "CITY", provincePath);
            String cityPath = paths.get(paths.size() - 1);
            for (int d = 0; d < shape.departmentsPerOffice(); d++) office(city, "DEPARTMENT", cityPath);
            for (int k = 0; k < shape.countiesPerCity(); k++) {
                long county = office(city, "COUNTY", cityPath);
                String countyPath = paths.get(paths.size() - 1);
                for (int d = 0; d < shape.departmentsPerOffice(); d++) office(county, "DEPARTMENT", countyPath);
            }
        }
        for (int d = 0; d < shape.departmentsPerOffice(); d++) office(province, "DEPARTMENT", provincePath);
        new Matters(this, province, provincePath).write();
        restart();
        List<Long> ids = new ArrayList<>();
        for (long[] o : offices) ids.add(o[0]);
        return new Generated(province, ids, bookingId, itemId);
    }

    /** Identity columns do not count ids given explicitly: each restarts above the last one written. */
    private void restart() {
        long[] next = {officeId, officialId, terminalId, caseId, bookingId, eventId, itemId, replyId, evaluationId,
            evaluatorId, drawId};
        String[] tables = {"office", "official", "terminal", "case_file", "booking", "booking_event", "sv_item",
            "sv_reply", "sv_evaluation", "ev_evaluator", "ev_draw"};
        for (int i = 0; i < tables.length; i++) {
            jdbc.execute("alter table " + tables[i] + " alter column id restart with " + next[i]);
        }
    }

    private long next(String table) {
        Long max = jdbc.queryForObject("select max(id) from " + table, Long.class);
        return (max == null ? 0 : max) + 1;
    }

    private long office(long parent, String level, String parentPath) {
        long id = officeId++;
        String path = parentPath + id + "/";
        jdbc.update("insert into office (id, code, name, name_en, level, parent_id, path, zone) values (?,?,?,?,?,?,?,?)",
                id, "G" + id, level + "办" + id, level + " office " + id, level, parent == 0 ? null : parent, path,
                ZONE.getId());
        long official = officialId++;
        long terminal = terminalId++;
        jdbc.update("insert into official (id, office_id, name, kind, calendar_token) values (?,?,?,?,?)", official, id,
                "官员" + id, "LEADER", "gen-token-" + official);
        jdbc.update("insert into terminal (id, office_id, name) values (?,?,?)", terminal, id, "终端" + id);
        offices.add(new long[] {id, parent, official, terminal});
        paths.add(path);
        return id;
    }

    /** The offices under {@code index}'s office (itself included), by index. */
    List<Integer> subtreeOf(int index) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            if (paths.get(i).startsWith(paths.get(index))) out.add(i);
        }
        return out;
    }

    // ------------------------------------------------------------------ shared with Matters

    JdbcTemplate jdbc() {
        return jdbc;
    }

    Random random() {
        return random;
    }

    Shape shape() {
        return shape;
    }

    List<long[]> officeRows() {
        return offices;
    }

    String path(int index) {
        return paths.get(index);
    }

    long nextCase() {
        return caseId++;
    }

    long nextBooking() {
        return bookingId++;
    }

    long nextEvent() {
        return eventId++;
    }

    long nextItem() {
        return itemId++;
    }

    long nextReply() {
        return replyId++;
    }

    long nextEvaluation() {
        return evaluationId++;
    }

    long nextEvaluator() {
        return evaluatorId++;
    }

    long nextDraw() {
        return drawId++;
    }

    String bookingState() {
        return BOOKING_STATES[random.nextInt(BOOKING_STATES.length)];
    }

    String itemState() {
        return ITEM_STATES[random.nextInt(ITEM_STATES.length)];
    }

    String result() {
        return RESULTS[random.nextInt(RESULTS.length)];
    }

    /** A random day of the spread. */
    LocalDate day() {
        return shape.firstDay().plusDays(random.nextInt(shape.days()));
    }

    /** A random whole second of {@code day} in the zone. */
    Instant during(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant().plusSeconds(random.nextInt(86_400));
    }

    static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static void set(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof LocalDate) v = Date.valueOf((LocalDate) v);
            ps.setObject(i + 1, v);
        }
    }
}
