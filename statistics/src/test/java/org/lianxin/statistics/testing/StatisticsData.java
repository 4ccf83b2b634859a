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
import java.util.Objects;
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

    /**
     * How much: cities, counties (in all, spread over the cities as evenly as they go, the first cities taking one
     * more), departments under every office, matters per office, first day, days spread, and the mix of states.
     */
    public record Shape(int cities, int counties, int departmentsPerOffice, int mattersPerOffice,
                        LocalDate firstDay, int days, Mix mix) {
        /** {@code countiesPerCity} counties under every city, every state as likely as another. */
        public Shape(int cities, int countiesPerCity, int departmentsPerOffice, int mattersPerOffice,
                     LocalDate firstDay, int days) {
            this(cities, cities * countiesPerCity, departmentsPerOffice, mattersPerOffice, firstDay, days,
                    Mix.UNIFORM);
        }

        public Shape {
            if (cities < 1 || counties < 0 || departmentsPerOffice < 0 || mattersPerOffice < 0 || days < 1) {
                throw new IllegalArgumentException("a shape needs a city and a day; no count below 0");
            }
            Objects.requireNonNull(firstDay, "firstDay");
            Objects.requireNonNull(mix, "mix");
        }

        public static Shape small() {
            return new Shape(3, 2, 1, 12, LocalDate.of(2026, 1, 1), 240);
        }

        /**
         * A province's year as the benchmark reads it: 21 cities, 183 counties, two departments under every office
         * (615 offices), {@code mattersPerOffice} matters each over the 365 days from {@code firstDay}, states in
         * {@link Mix#REALISTIC} proportions. 340 matters per office give about 209 000 matters, bookings and
         * supervision items.
         */
        public static Shape province(int mattersPerOffice, LocalDate firstDay) {
            return new Shape(21, 183, 2, mattersPerOffice, firstDay, 365, Mix.REALISTIC);
        }

        /** The counties of city {@code city} (0-based). */
        public int countiesOf(int city) {
            return counties / cities + (city < counties % cities ? 1 : 0);
        }

        /** Offices in all: the province, the cities, the counties, and the departments under each. */
        public int offices() {
            return (1 + cities + counties) * (1 + departmentsPerOffice);
        }
    }

    /**
     * How likely each state is: weights in the order of the booking states, the item states and the results; a draw takes one {@code nextInt(sum)}, so the uniform mix draws exactly as before it existed.
     */
    public enum Mix {
        /** Every state as likely as another (the contract tests' data: each state and figure has rows). */
        UNIFORM(new int[] {1, 1, 1, 1, 1, 1, 1}, new int[] {1, 1, 1, 1, 1}, new int[] {1, 1, 1}),
        /**
         * A past year as an office lives it: of bookings 70 % held (COMPLETED, 3 % INTERRUPTED), 12 % cancelled, 7 %
         * no-shows, a few still BOOKED, checked in or in session (the last days'); of supervision items 60 % completed,
         * 14 % replied and awaiting acceptance, 12 % in progress, 5 % waiting to be signed, 9 % returned; of
         * evaluations 62 % satisfied, 26 % basically satisfied, 12 % unsatisfied.
         */
        REALISTIC(new int[] {5, 2, 1, 67, 12, 7, 3}, new int[] {5, 12, 14, 60, 9}, new int[] {62, 26, 12});

        private final int[] bookings;
        private final int[] items;
        private final int[] results;

        Mix(int[] bookings, int[] items, int[] results) {
            this.bookings = bookings;
            this.items = items;
            this.results = results;
        }

        /** The weight of booking state {@code state}. */
        public int bookingWeight(String state) {
            return bookings[List.of(BOOKING_STATES).indexOf(state)];
        }

        /** The weight of supervision item state {@code state}. */
        public int itemWeight(String state) {
            return items[List.of(ITEM_STATES).indexOf(state)];
        }

        /** The weight of evaluation result {@code result}. */
        public int resultWeight(String result) {
            return results[List.of(RESULTS).indexOf(result)];
        }

        static String draw(Random random, String[] values, int[] weights) {
            int sum = 0;
            for (int w : weights) sum += w;
            int r = random.nextInt(sum);
            for (int i = 0; i < values.length; i++) {
                r -= weights[i];
                if (r < 0) return values[i];
            }
            throw new IllegalStateException("weights " + java.util.Arrays.toString(weights));
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
            for (int k = 0; k < shape.countiesOf(c); k++) {
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
        return Mix.draw(random, BOOKING_STATES, shape.mix().bookings);
    }

    String itemState() {
        return Mix.draw(random, ITEM_STATES, shape.mix().items);
    }

    String result() {
        return Mix.draw(random, RESULTS, shape.mix().results);
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
