package org.lianxin.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.statistics.testing.StatisticsData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The figures on generated data against {@link Expected}'s independent SQL, on H2 and PostgreSQL: totals, each child
 * office, the own level, each category and each month; ranges with no data; jurisdiction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StatisticsContract {
    static final Instant NOW = Instant.parse("2026-06-15T04:00:00Z");
    static final LocalDate FROM = LocalDate.of(2026, 2, 10);
    static final LocalDate TO = LocalDate.of(2026, 5, 20);

    Statistics statistics;
    Scheduler scheduler;
    Expected expected;
    StatisticsData.Generated data;

    abstract DataSource freshDatabase();

    @BeforeAll
    void generate() {
        DataSource ds = freshDatabase();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        scheduler = Scheduler.create(ds, new DataSourceTransactionManager(ds), clock,
                new SchedulerSettings(java.time.Duration.ofDays(60), StatisticsData.ZONE, "0123456789abcdef-k".getBytes()));
        data = new StatisticsData(ds, 20261202L, StatisticsData.Shape.small()).generate();
        statistics = Statistics.create(ds, scheduler.offices(), clock);
        expected = new Expected(ds, StatisticsData.ZONE, NOW);
    }

    Actor actorOf(long officeId) {
        return new Actor("stat-" + officeId, Role.LEADER, officeId, null);
    }

    List<Office> cities() {
        return scheduler.offices().subtree(data.provinceId()).stream().filter(o -> o.level() == OfficeLevel.CITY)
                .toList();
    }

    List<Long> subtreeIds(long officeId) {
        return scheduler.offices().subtree(officeId).stream().map(Office::id).toList();
    }

    void assertRow(FigureRow row, List<Long> ids, String category, LocalDate from, LocalDate to) {
        for (Figure f : Figure.values()) {
            long[] e = expected.of(f, ids, category, from, to);
            assertThat(new long[] {row.get(f).numerator(), row.get(f).denominator()})
                    .as(row.key() + " " + f).containsExactly(e);
        }
    }

    @Test
    void provinceByChildOffice() {
        FigureTable t = statistics.figures(actorOf(data.provinceId()),
                new FigureQuery(data.provinceId(), FROM, TO, GroupBy.OFFICE_CHILDREN));
        assertRow(t.total(), subtreeIds(data.provinceId()), null, FROM, TO);
        assertThat(t.total().get(Figure.RECEPTIONS_HELD).numerator()).as("the data reach the figures").isPositive();
        assertThat(t.total().get(Figure.SATISFACTION).denominator()).isPositive();
        assertThat(t.total().get(Figure.THIRD_PARTY_SCORE).denominator()).as("third-party scores in the range")
                .isPositive();
        assertThat(t.total().get(Figure.THIRD_PARTY_SCORE).value()).isBetween(java.math.BigDecimal.ONE,
                java.math.BigDecimal.valueOf(5));
        List<Long> children = new ArrayList<>();
        for (FigureRow row : t.rows()) {
            if (row.key().equals("own")) {
                assertRow(row, List.of(data.provinceId()), null, FROM, TO);
            } else {
                children.add(Long.parseLong(row.key()));
                assertRow(row, subtreeIds(Long.parseLong(row.key())), null, FROM, TO);
            }
        }
        assertThat(children).hasSize(cities().size() + 1); // the cities and the province's own department
    }

    @Test
    void cityByChildOfficeAndByCategory() {
        Office city = cities().get(1);
        FigureTable t = statistics.figures(actorOf(city.id()), new FigureQuery(city.id(), FROM, TO,
                GroupBy.OFFICE_CHILDREN));
        for (FigureRow row : t.rows()) {
            List<Long> ids = row.key().equals("own") ? List.of(city.id()) : subtreeIds(Long.parseLong(row.key()));
            assertRow(row, ids, null, FROM, TO);
        }
        FigureTable byCategory = statistics.figures(actorOf(city.id()), new FigureQuery(city.id(), FROM, TO,
                GroupBy.CATEGORY));
        assertThat(byCategory.rows()).isNotEmpty();
        for (FigureRow row : byCategory.rows()) assertRow(row, subtreeIds(city.id()), row.key(), FROM, TO);
        assertRow(byCategory.total(), subtreeIds(city.id()), null, FROM, TO);
    }

    @Test
    void provinceByMonthCutsTheRangeAtItsEnds() {
        FigureTable t = statistics.figures(actorOf(data.provinceId()),
                new FigureQuery(data.provinceId(), FROM, TO, GroupBy.MONTH));
        assertThat(t.rows()).extracting(FigureRow::key).containsExactly("2026-02", "2026-03", "2026-04", "2026-05");
        List<Long> all = subtreeIds(data.provinceId());
        assertRow(t.rows().get(0), all, null, FROM, LocalDate.of(2026, 2, 28));
        assertRow(t.rows().get(1), all, null, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        assertRow(t.rows().get(3), all, null, LocalDate.of(2026, 5, 1), TO);
    }

    @Test
    void aSingleDayIsTakenInTheOfficesZone() {
        LocalDate day = LocalDate.of(2026, 3, 16);
        FigureTable t = statistics.figures(actorOf(data.provinceId()),
                new FigureQuery(data.provinceId(), day, day, GroupBy.OFFICE_CHILDREN));
        assertRow(t.total(), subtreeIds(data.provinceId()), null, day, day);
    }

    @Test
    void noDataIsNoValueNotZeroPercent() {
        LocalDate from = LocalDate.of(2031, 1, 1);
        FigureTable t = statistics.figures(actorOf(data.provinceId()),
                new FigureQuery(data.provinceId(), from, from.plusDays(30), GroupBy.OFFICE_CHILDREN));
        for (FigureRow row : t.rows()) {
            for (Measure m : row.measures()) {
                if (m.figure().kind() == Figure.Kind.COUNT) {
                    assertThat(m.value()).as(m.figure().name()).isZero();
                } else {
                    assertThat(m.hasValue()).as(m.figure().name()).isFalse();
                    assertThat(m.value()).as(m.figure().name()).isNull();
                }
            }
        }
    }

    @Test
    void aCitySeesItsOwnSubtreeOnly() {
        Office x = cities().get(0);
        Office y = cities().get(1);
        FigureQuery ofY = new FigureQuery(y.id(), FROM, TO, GroupBy.OFFICE_CHILDREN);
        assertThatThrownBy(() -> statistics.figures(actorOf(x.id()), ofY)).isInstanceOf(OutOfJurisdiction.class);
        FigureQuery ofProvince = new FigureQuery(data.provinceId(), FROM, TO, GroupBy.MONTH);
        assertThatThrownBy(() -> statistics.figures(actorOf(x.id()), ofProvince))
                .isInstanceOf(OutOfJurisdiction.class);
        assertThatThrownBy(() -> statistics.figures(actorOf(x.id()), new FigureQuery(987_654L, FROM, TO, null)))
                .isInstanceOf(NotFound.class);
        FigureTable own = statistics.figures(actorOf(x.id()), new FigureQuery(x.id(), FROM, TO, null));
        assertRow(own.total(), subtreeIds(x.id()), null, FROM, TO);
    }

    @Test
    void aRangeMustBeARange() {
        assertThatThrownBy(() -> new FigureQuery(1, TO, FROM, null)).isInstanceOf(RuleViolation.class)
                .extracting(e -> ((RuleViolation) e).rule()).isEqualTo("statistics-range-reversed");
        assertThatThrownBy(() -> new FigureQuery(1, FROM, FROM.plusDays(900), null))
                .isInstanceOf(RuleViolation.class);
    }
}
