package org.lianxin.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.statistics.testing.StatisticsData;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bench's generator at a small scale on PostgreSQL: the province's full office tree (21 cities, 183 counties, a
 * department under each office) with few matters each, counted and checked for a realistic mix of states and
 * consistent events, replies and evaluations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStatisticsDataIT {
    static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    static final StatisticsData.Shape SHAPE = new StatisticsData.Shape(21, 183, 1, 8, FIRST, 365,
            StatisticsData.Mix.REALISTIC);

    JdbcTemplate jdbc;
    StatisticsData.Generated data;

    @BeforeAll
    void generate() {
        DataSource ds = TestDatabases.postgres("statistics_data");
        jdbc = new JdbcTemplate(ds);
        data = new StatisticsData(ds, 5L, SHAPE).generate();
    }

    @Test
    void theOfficeTreeIsTheProvincesCitiesCountiesAndTheirDepartments() {
        Map<String, Long> byLevel = jdbc.queryForList("select level, count(*) as n from office group by level")
                .stream().collect(Collectors.toMap(r -> (String) r.get("level"), r -> ((Number) r.get("n")).longValue()));
        assertThat(byLevel).containsEntry("PROVINCE", 1L).containsEntry("CITY", 21L).containsEntry("COUNTY", 183L)
                .containsEntry("DEPARTMENT", 205L);
        assertThat(data.offices()).hasSize(SHAPE.offices()).hasSize(410);
        List<Long> countiesPerCity = jdbc.queryForList("select count(k.id) from office c join office k "
                + "on k.parent_id = c.id and k.level = 'COUNTY' where c.level = 'CITY' group by c.id", Long.class);
        assertThat(countiesPerCity).hasSize(21).allMatch(n -> n == 8 || n == 9);
        assertThat(jdbc.queryForObject("select count(*) from office d join office p on p.id = d.parent_id "
                + "where d.level = 'DEPARTMENT' and p.level = 'DEPARTMENT'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from terminal", Long.class)).isEqualTo(410);
    }

    @Test
    void everyOfficeHasItsMattersOverTheYear() {
        assertThat(jdbc.queryForObject("select count(*) from case_file", Long.class)).isEqualTo(410L * 8);
        assertThat(jdbc.queryForObject("select count(distinct office_id) from case_file", Long.class)).isEqualTo(410);
        assertThat(jdbc.queryForObject("select count(*) from case_file where created_at < ? or created_at >= ?",
                Long.class, start(FIRST), start(FIRST.plusDays(365)))).isZero();
        long bookings = jdbc.queryForObject("select count(*) from booking", Long.class);
        long items = jdbc.queryForObject("select count(*) from sv_item", Long.class);
        assertThat(bookings).as("0 to 2 bookings a matter, 1 on average").isBetween(2900L, 3660L);
        assertThat(items).as("0 to 2 items a matter, 1 on average").isBetween(2900L, 3660L);
    }

    @Test
    void bookingsAreMostlyHeldSomeCancelledOrMissedAndTheirEventsFollowTheirState() {
        Map<String, Double> share = shares("select state, count(*) from booking group by state");
        assertMix(share, "COMPLETED", 67, 4, "CANCELLED", 12, 3, "NO_SHOW", 7, 3, "INTERRUPTED", 3, 2);
        assertThat(share.get("BOOKED") + share.get("CHECKED_IN") + share.get("IN_SESSION")).isCloseTo(8, offset(3.0));
        assertThat(jdbc.queryForObject("select count(*) from booking b where b.state in ('COMPLETED', 'INTERRUPTED') "
                + "and not exists (select 1 from booking_event e where e.booking_id = b.id and e.kind = 'IN_SESSION') ",
                Long.class)).as("held without a start").isZero();
        assertThat(jdbc.queryForObject("select count(*) from booking b where b.state in ('COMPLETED', 'INTERRUPTED') "
                + "and not exists (select 1 from booking_event e where e.booking_id = b.id and e.kind = b.state)",
                Long.class)).as("held without an end").isZero();
        assertThat(jdbc.queryForObject("select count(*) from booking b where b.state in ('NO_SHOW', 'CANCELLED', "
                + "'BOOKED') and exists (select 1 from booking_event e where e.booking_id = b.id and e.kind = "
                + "'IN_SESSION')", Long.class)).as("a start where none was").isZero();
        double withoutCheckIn = jdbc.queryForObject("select 100.0 * count(*) filter (where not exists (select 1 from "
                + "booking_event e where e.booking_id = b.id and e.kind = 'CHECKED_IN')) / count(*) from booking b "
                + "where b.state in ('COMPLETED', 'INTERRUPTED')", Double.class);
        assertThat(withoutCheckIn).as("check-ins never recorded (1 in 8)").isCloseTo(12.5, offset(3.0));
    }

    @Test
    void supervisionItemsAreMostlyCompletedWithRepliesAndEvaluationsMostlySatisfied() {
        assertMix(shares("select state, count(*) from sv_item group by state"), "COMPLETED", 60, 4, "REPLIED", 14, 3,
                "IN_PROGRESS", 12, 3, "RETURNED", 9, 3, "PENDING_SIGN", 5, 2.5);
        assertThat(jdbc.queryForObject("select count(*) from sv_item i where i.state in ('COMPLETED', 'REPLIED', "
                + "'RETURNED') and not exists (select 1 from sv_reply r where r.item_id = i.id)", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from sv_item i where i.state in ('PENDING_SIGN', "
                + "'IN_PROGRESS') and exists (select 1 from sv_reply r where r.item_id = i.id)", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from sv_item where deadline < accepted_on + 15", Long.class))
                .isZero();
        assertMix(shares("select result, count(*) from sv_evaluation group by result"), "SATISFIED", 62, 4,
                "BASICALLY_SATISFIED", 26, 4, "UNSATISFIED", 12, 3);
        double evaluated = jdbc.queryForObject("select 100.0 * count(evaluation_id) / count(*) from sv_reply",
                Double.class);
        assertThat(evaluated).as("two replies in three evaluated").isCloseTo(66.7, offset(4.0));
    }

    /** {@code share} holds each named state's percentage within its tolerance: name, percent, tolerance, … */
    private static void assertMix(Map<String, Double> share, Object... expected) {
        for (int i = 0; i < expected.length; i += 3) {
            assertThat(share.get((String) expected[i])).as((String) expected[i])
                    .isCloseTo(((Number) expected[i + 1]).doubleValue(), offset(((Number) expected[i + 2]).doubleValue()));
        }
    }

    private Map<String, Double> shares(String sql) {
        List<Object[]> rows = jdbc.query(sql, (rs, i) -> new Object[] {rs.getString(1), rs.getLong(2)});
        long all = rows.stream().mapToLong(r -> (Long) r[1]).sum();
        return rows.stream().collect(Collectors.toMap(r -> (String) r[0], r -> 100.0 * (Long) r[1] / all));
    }

    private static java.time.OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(StatisticsData.ZONE).toOffsetDateTime();
    }
}
