package org.lianxin.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.statistics.internal.JdbcStatistics;
import org.lianxin.statistics.testing.StatisticsData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The figures read from the stored monthly sums ({@link Statistics#create}) equal those counted directly from the
 * facts ({@link Statistics#direct}) on the same generated data, for every breakdown and for ranges that cut months,
 * cross the stored horizon or lie outside it — and still after the facts change the way the scheduler and the
 * supervision module change them (a state with its history row, a reply, an evaluation), and after items fall due.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RollupContract {
    static final Instant NOW = Instant.parse("2026-06-15T04:00:00Z");

    DataSource ds;
    JdbcTemplate jdbc;
    Scheduler scheduler;
    StatisticsData.Generated data;
    Statistics stored;
    Statistics direct;

    abstract DataSource freshDatabase();

    @BeforeAll
    void generate() {
        ds = freshDatabase();
        jdbc = new JdbcTemplate(ds);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        scheduler = Scheduler.create(ds, new DataSourceTransactionManager(ds), clock,
                new SchedulerSettings(Duration.ofDays(60), StatisticsData.ZONE, "0123456789abcdef-k".getBytes()));
        data = new StatisticsData(ds, 20261203L, StatisticsData.Shape.small()).generate();
        stored = Statistics.create(ds, scheduler.offices(), clock);
        direct = Statistics.direct(ds, scheduler.offices(), clock);
    }

    Actor actorOf(long officeId) {
        return new Actor("stat-" + officeId, Role.LEADER, officeId, null);
    }

    Office city() {
        return scheduler.offices().subtree(data.provinceId()).stream().filter(o -> o.level() == OfficeLevel.CITY)
                .findFirst().orElseThrow();
    }

    List<FigureQuery> queries() {
        long p = data.provinceId();
        long c = city().id();
        return List.of(
                new FigureQuery(p, LocalDate.of(2026, 2, 10), LocalDate.of(2026, 5, 20), GroupBy.OFFICE_CHILDREN),
                new FigureQuery(p, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), GroupBy.OFFICE_CHILDREN),
                new FigureQuery(p, LocalDate.of(2025, 6, 1), LocalDate.of(2026, 6, 30), GroupBy.MONTH),
                new FigureQuery(c, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 14), GroupBy.CATEGORY),
                new FigureQuery(c, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), GroupBy.OFFICE_CHILDREN),
                // before the stored horizon (27 months back) and after it (3 months ahead)
                new FigureQuery(p, LocalDate.of(2023, 11, 5), LocalDate.of(2025, 12, 31), GroupBy.OFFICE_CHILDREN),
                new FigureQuery(p, LocalDate.of(2026, 8, 1), LocalDate.of(2027, 2, 28), GroupBy.MONTH));
    }

    static void assertSameFigures(FigureTable actual, FigureTable expected) {
        assertThat(actual.rows()).extracting(FigureRow::key)
                .containsExactlyElementsOf(expected.rows().stream().map(FigureRow::key).toList());
        for (int i = 0; i <= actual.rows().size(); i++) {
            FigureRow a = i < actual.rows().size() ? actual.rows().get(i) : actual.total();
            FigureRow e = i < expected.rows().size() ? expected.rows().get(i) : expected.total();
            for (Figure f : Figure.values()) {
                assertThat(new long[] {a.get(f).numerator(), a.get(f).denominator()})
                        .as(actual.query() + " " + a.key() + " " + f)
                        .containsExactly(e.get(f).numerator(), e.get(f).denominator());
            }
        }
    }

    void assertAllEqual(Statistics rollups, Statistics counted) {
        for (FigureQuery q : queries()) {
            assertSameFigures(rollups.figures(actorOf(q.officeId()), q), counted.figures(actorOf(q.officeId()), q));
        }
    }

    @Test
    @Order(1)
    void storedMonthsGiveTheFiguresCountedDirectly() {
        FigureQuery year = queries().get(1);
        assertThat(stored.figures(actorOf(year.officeId()), year).total().get(Figure.RECEPTIONS_HELD).numerator())
                .as("the data reach the stored months").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from st_rollup", Long.class)).isPositive();
        assertAllEqual(stored, direct);
    }

    @Test
    @Order(2)
    void changedFactsAreInTheNextRead() {
        FigureQuery year = queries().get(1);
        FigureRow before = stored.figures(actorOf(year.officeId()), year).total();
        // an item accepted in March completed with a reply in April, as the supervision module writes it
        long item = jdbc.queryForObject("select min(id) from sv_item where state = 'IN_PROGRESS' and accepted_on "
                + "between date '2026-03-01' and date '2026-03-31'", Long.class);
        Instant april = Instant.parse("2026-04-02T02:00:00Z");
        jdbc.update("update sv_item set state = 'COMPLETED', completed_at = ?, version = version + 1 where id = ?",
                Timestamp.from(april.plusSeconds(7200)), item);
        jdbc.update("insert into sv_reply (item_id, text, completion_report, at, by_user) values (?, '已办结', '报告', ?, "
                + "'unit')", item, Timestamp.from(april));
        jdbc.update("insert into sv_history (item_id, at, kind, actor, text) values (?, ?, 'REPLIED', 'unit', null)",
                item, Timestamp.from(april));
        // a booking of April marked a no-show, with its event
        long booking = jdbc.queryForObject("select min(id) from booking where state = 'BOOKED' and starts_at >= ? "
                + "and starts_at < ?", Long.class, Timestamp.from(Instant.parse("2026-04-01T00:00:00Z")),
                Timestamp.from(Instant.parse("2026-05-01T00:00:00Z")));
        jdbc.update("update booking set state = 'NO_SHOW', version = version + 1 where id = ?", booking);
        jdbc.update("insert into booking_event (booking_id, at, kind, actor) values (?, ?, 'NO_SHOW', 'staff')", booking,
                Timestamp.from(april));
        // a reply of March evaluated in April
        long reply = jdbc.queryForObject("select min(r.id) from sv_reply r join sv_item i on i.id = r.item_id where "
                + "r.evaluation_id is null and r.at >= ? and r.at < ?", Long.class,
                Timestamp.from(Instant.parse("2026-03-01T00:00:00Z")), Timestamp.from(april));
        long caseId = jdbc.queryForObject("select i.case_id from sv_reply r join sv_item i on i.id = r.item_id "
                + "where r.id = ?", Long.class, reply);
        jdbc.update("insert into sv_evaluation (case_id, result, channel, recorded_by, at) values (?, 'SATISFIED', "
                + "'KIOSK', 'kiosk', ?)", caseId, Timestamp.from(april.plusSeconds(3600)));
        jdbc.update("update sv_reply set evaluation_id = (select max(id) from sv_evaluation) where id = ?", reply);

        FigureRow after = stored.figures(actorOf(year.officeId()), year).total();
        assertThat(after.get(Figure.COMPLETION).numerator()).isEqualTo(before.get(Figure.COMPLETION).numerator() + 1);
        assertThat(after.get(Figure.NO_SHOWS).numerator()).isEqualTo(before.get(Figure.NO_SHOWS).numerator() + 1);
        assertThat(after.get(Figure.SATISFACTION).denominator())
                .isEqualTo(before.get(Figure.SATISFACTION).denominator() + 1);
        assertAllEqual(stored, direct);
    }

    @Test
    @Order(3)
    void itemsFallingDueAfterTheBuildAreOverdueInTheStoredMonths() {
        stored.figures(actorOf(data.provinceId()), queries().get(0)); // built, or brought up to date, at NOW
        long item = jdbc.queryForObject("select min(id) from sv_item where state = 'IN_PROGRESS' and accepted_on "
                + "between date '2026-04-01' and date '2026-04-30'", Long.class);
        jdbc.update("update sv_item set deadline = date '2026-06-20', due_at = ?, version = version + 1 where id = ?",
                Timestamp.from(Instant.parse("2026-06-20T15:59:59Z")), item);
        jdbc.update("insert into sv_history (item_id, at, kind, actor, text) values (?, ?, 'EXTENDED', 'unit', null)",
                item, Timestamp.from(NOW));
        Clock later = Clock.fixed(NOW.plus(Duration.ofDays(10)), ZoneOffset.UTC);
        Statistics storedLater = new JdbcStatistics(ds, scheduler.offices(), later, Duration.ofDays(365));
        Statistics directLater = Statistics.direct(ds, scheduler.offices(), later);
        FigureQuery april = new FigureQuery(data.provinceId(), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30),
                GroupBy.OFFICE_CHILDREN);
        long overdueNow = stored.figures(actorOf(data.provinceId()), april).total().get(Figure.ITEMS_OVERDUE).value()
                .longValue();
        long overdueLater = storedLater.figures(actorOf(data.provinceId()), april).total().get(Figure.ITEMS_OVERDUE)
                .value().longValue();
        assertThat(overdueLater).as("the item due on 20 June is overdue ten days later").isGreaterThan(overdueNow);
        assertAllEqual(storedLater, directLater);
        assertAllEqual(stored, direct);
    }

    @Test
    @Order(4)
    void aCompletionCountsInTheMonthItHappenedAndLeavesPastMonthsAlone() {
        long province = data.provinceId();
        FigureQuery march = new FigureQuery(province, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), null);
        FigureQuery june = new FigureQuery(province, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 30), null);
        FigureRow marchBefore = stored.figures(actorOf(province), march).total();
        FigureRow juneBefore = stored.figures(actorOf(province), june).total();
        // an item accepted in March, replied and accepted as completed in June, as the supervision module writes it
        long item = jdbc.queryForObject("select min(id) from sv_item where state = 'IN_PROGRESS' and accepted_on "
                + "between date '2026-03-01' and date '2026-03-31'", Long.class);
        Instant completed = NOW.minus(Duration.ofHours(1));
        jdbc.update("insert into sv_reply (item_id, text, at, by_user) values (?, '已解决', ?, 'unit')", item,
                Timestamp.from(completed.minusSeconds(60)));
        jdbc.update("update sv_item set state = 'COMPLETED', completed_at = ?, version = version + 1 where id = ?",
                Timestamp.from(completed), item);
        jdbc.update("insert into sv_history (item_id, at, kind, actor, text) values (?, ?, 'ACCEPTED', 'leader', null)",
                item, Timestamp.from(completed));
        FigureRow marchAfter = stored.figures(actorOf(province), march).total();
        FigureRow juneAfter = stored.figures(actorOf(province), june).total();
        assertThat(marchAfter.get(Figure.COMPLETION)).as("March's 办结率 is final").isEqualTo(marchBefore.get(Figure.COMPLETION));
        assertThat(marchAfter.get(Figure.ITEMS_OPEN).numerator()).as("but the item is no longer open")
                .isEqualTo(marchBefore.get(Figure.ITEMS_OPEN).numerator() - 1);
        assertThat(juneAfter.get(Figure.COMPLETION).numerator()).as("June counts the completion")
                .isEqualTo(juneBefore.get(Figure.COMPLETION).numerator() + 1);
        assertThat(juneAfter.get(Figure.COMPLETION).denominator()).isEqualTo(juneBefore.get(Figure.COMPLETION).denominator());
        assertAllEqual(stored, direct);
    }

    /**
     * Two writers commit out of id order: the row with the lower id becomes visible after a refresh has seen the
     * higher one. The marks are not taken as settled until {@code JdbcStatistics.ROLLUP_SETTLE} has passed, so the row is in the
     * sums at the first read after that (before it, a read may still miss it).
     */
    @Test
    @Order(5)
    void aRowCommittedAfterAHigherIdIsInTheFiguresOnceTheMarksSettle() {
        Instant t = NOW.plus(Duration.ofDays(20));
        FigureQuery april = new FigureQuery(data.provinceId(), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30),
                GroupBy.OFFICE_CHILDREN);
        long before = at(t).figures(actorOf(data.provinceId()), april).total().get(Figure.NO_SHOWS).numerator();
        List<Long> booked = jdbc.queryForList("select id from booking where state = 'BOOKED' and starts_at >= ? "
                + "and starts_at < ? order by id", Long.class, Timestamp.from(Instant.parse("2026-04-01T00:00:00Z")),
                Timestamp.from(Instant.parse("2026-05-01T00:00:00Z")));
        long maxEvent = jdbc.queryForObject("select max(id) from booking_event", Long.class);
        // the writer that took the higher id commits first, and a read sees it
        noShow(booked.get(0), maxEvent + 10, t);
        assertThat(at(t).figures(actorOf(data.provinceId()), april).total().get(Figure.NO_SHOWS).numerator())
                .isEqualTo(before + 1);
        // the writer with the lower id commits after that read
        noShow(booked.get(1), maxEvent + 5, t);
        Instant settled = t.plus(JdbcStatistics.ROLLUP_SETTLE).plusSeconds(1);
        assertThat(at(settled).figures(actorOf(data.provinceId()), april).total().get(Figure.NO_SHOWS).numerator())
                .as("the late row is in the figures once the marks settle").isEqualTo(before + 2);
        assertAllEqual(at(settled), Statistics.direct(ds, scheduler.offices(), Clock.fixed(settled, ZoneOffset.UTC)));
    }

    private Statistics at(Instant when) {
        return new JdbcStatistics(ds, scheduler.offices(), Clock.fixed(when, ZoneOffset.UTC), Duration.ofDays(365));
    }

    private void noShow(long booking, long eventId, Instant at) {
        jdbc.update("update booking set state = 'NO_SHOW', version = version + 1 where id = ?", booking);
        jdbc.update("insert into booking_event (id, booking_id, at, kind, actor) values (?, ?, ?, 'NO_SHOW', 'staff')",
                eventId, booking, Timestamp.from(at));
    }
}
