package org.lianxin.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.statistics.Figure;
import org.lianxin.statistics.FigureRow;
import org.lianxin.statistics.Measure;
import org.lianxin.statistics.Statistics;
import org.lianxin.reports.testing.Poppler;
import org.lianxin.statistics.testing.StatisticsData;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Bulletins and rankings on the statistics module's generated data (January–August 2026), on H2 and PostgreSQL: the
 * talk flag against an order computed here, the PDF read back with poppler-utils equal to the figures, the CJK font
 * embedded, pages not blank, the run on the 1st storing each jurisdiction's bulletin once, and jurisdiction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportsContract {
    static final Instant NOW = Instant.parse("2026-08-31T17:30:00Z"); // 1 September 01:30 in Shanghai
    static final YearMonth JUNE = YearMonth.of(2026, 6);

    Bulletins bulletins;
    Statistics statistics;
    Scheduler scheduler;
    StatisticsData.Generated data;

    abstract DataSource freshDatabase();

    @BeforeAll
    void generate() {
        DataSource ds = freshDatabase();
        Clock clock = Clock.fixed(NOW, StatisticsData.ZONE);
        scheduler = Scheduler.create(ds, new DataSourceTransactionManager(ds), clock, new SchedulerSettings(
                Duration.ofDays(60), StatisticsData.ZONE, "0123456789abcdef-k".getBytes()));
        data = new StatisticsData(ds, 20261202L, new StatisticsData.Shape(10, 3, 1, 10,
                java.time.LocalDate.of(2026, 1, 1), 240)).generate();
        statistics = Statistics.create(ds, scheduler.offices(), clock);
        bulletins = Bulletins.create(ds, statistics, scheduler.offices(), clock,
                new ReportSettings(ReportSettings.DEBIAN_FONT));
    }

    Actor leaderOf(long officeId) {
        return new Actor("leader-" + officeId, Role.LEADER, officeId, null);
    }

    List<Office> jurisdictions() {
        List<Office> all = scheduler.offices().subtree(data.provinceId());
        return all.stream().filter(o -> all.stream().anyMatch(c -> c.parentId() != null && c.parentId() == o.id()))
                .toList();
    }

    /** The order restated for the test: exact completion, reply on time (none last), items, code. */
    static List<Long> expectedOrder(Ranking r) {
        Comparator<RankedUnit> order = Comparator.comparing((RankedUnit u) -> exact(u.completion())).reversed()
                .thenComparing((RankedUnit u) -> u.repliedOnTime().hasValue() ? 0 : 1)
                .thenComparing(Comparator.comparing((RankedUnit u) -> exact(u.repliedOnTime())).reversed())
                .thenComparing(Comparator.comparingLong(RankedUnit::items).reversed())
                .thenComparing(RankedUnit::code);
        return r.units().stream().filter(u -> u.completion().denominator() > 0).sorted(order)
                .map(RankedUnit::officeId).toList();
    }

    private static BigDecimal exact(Measure m) {
        return m.denominator() == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(m.numerator())
                .divide(BigDecimal.valueOf(m.denominator()), MathContext.DECIMAL128);
    }

    @Test
    void everyRankingFollowsTheStatedOrderAndFlagsTheBottomTwoMonthsRunning() {
        int flagged = 0;
        int bottomOnce = 0;
        for (Office office : jurisdictions()) {
            for (YearMonth m = YearMonth.of(2026, 2); !m.isAfter(YearMonth.of(2026, 8)); m = m.plusMonths(1)) {
                MonthlyBulletin b = bulletins.month(leaderOf(data.provinceId()), office.id(), m);
                List<Long> order = expectedOrder(b.ranking());
                assertThat(b.ranking().ranked()).extracting(RankedUnit::officeId).as(office.code() + " " + m)
                        .containsExactlyElementsOf(order);
                List<Long> before = expectedOrder(b.previous());
                List<Long> bottomNow = last(order);
                List<Long> bottomBefore = last(before);
                for (RankedUnit u : b.ranking().units()) {
                    boolean expected = bottomNow.contains(u.officeId()) && bottomBefore.contains(u.officeId());
                    assertThat(u.flagged()).as(office.code() + " " + m + " " + u.code()).isEqualTo(expected);
                    if (u.flagged()) flagged++;
                    if (!u.flagged() && bottomNow.contains(u.officeId())) bottomOnce++;
                }
            }
        }
        assertThat(flagged).as("units flagged in the generated data").isPositive();
        assertThat(bottomOnce).as("units at the bottom one month only").isPositive();
    }

    private static List<Long> last(List<Long> order) {
        int n = order.size() < 2 ? 0 : order.size() >= 10 ? 2 : 1;
        return order.subList(order.size() - n, order.size());
    }

    @Test
    void theBulletinPdfSaysWhatTheFiguresSay() throws Exception {
        Office province = scheduler.offices().get(data.provinceId());
        MonthlyBulletin b = bulletins.month(leaderOf(province.id()), province.id(), JUNE);
        String text = new Poppler(bulletins.monthly(leaderOf(province.id()), province.id(), JUNE)).text();
        List<List<String>> lines = Arrays.stream(text.split("\\R")).map(l -> Arrays.asList(l.trim().split("\\s+")))
                .toList();
        assertThat(text).contains(province.name() + "信访工作月度通报（2026年6月）").contains("2026-06-01 至 2026-06-30")
                .contains("生成时间 Generated at：2026-09-01 01:30:00").contains("排名规则：按办结率从高到低排列");
        for (RankedUnit u : b.ranking().units()) {
            List<String> row = new ArrayList<>(List.of(u.ranked() ? u.place().toString() : "无数据", u.name(), u.code(),
                    shown(u.completion()), shown(u.repliedOnTime()), Long.toString(u.items())));
            if (u.flagged()) row.add("约谈");
            assertThat(lines).as("ranking row of " + u.code()).contains(row);
        }
        // the same numbers as the statistics (the JSON and the CSV): the total, then each unit in two tables
        FigureRow total = statistics.figures(leaderOf(province.id()), new org.lianxin.statistics.FigureQuery(
                province.id(), JUNE.atDay(1), JUNE.atEndOfMonth(), null)).total();
        for (Measure m : total.measures()) {
            List<String> row = new ArrayList<>(List.of(m.figure().label(false), shown(m), Long.toString(m.numerator())));
            if (m.figure().kind() != Figure.Kind.COUNT) row.add(Long.toString(m.denominator()));
            assertThat(lines).as("total " + m.figure()).contains(row);
        }
        List<FigureRow> rows = new ArrayList<>(b.ranking().figures().rows());
        rows.add(b.ranking().figures().total());
        for (FigureRow r : rows) {
            List<List<String>> found = lines.stream().filter(l -> l.get(0).equals(r.label())).toList();
            assertThat(found).as(r.label()).hasSize(2);
            List<String> shownValues = new ArrayList<>(found.get(0).subList(1, found.get(0).size()));
            shownValues.addAll(found.get(1).subList(1, found.get(1).size()));
            List<String> expected = new ArrayList<>();
            for (Figure f : List.of(Figure.MATTERS_ACCEPTED, Figure.ITEMS_OPEN, Figure.ITEMS_OVERDUE,
                    Figure.REPLIED_ON_TIME, Figure.COMPLETION, Figure.CLOSED_ON_TIME, Figure.RECEPTIONS_HELD,
                    Figure.NO_SHOWS, Figure.LOBBY_WAIT, Figure.SESSION_LENGTH, Figure.SATISFACTION,
                    Figure.PARTICIPATION)) {
                expected.add(shown(r.get(f)));
            }
            assertThat(shownValues).as(r.label()).isEqualTo(expected);
        }
    }

    /** As a reader sees a figure: 66.7%, a count or whole seconds, 无数据. */
    static String shown(Measure m) {
        if (!m.hasValue()) return "无数据";
        return m.value().toPlainString() + (m.figure().kind() == Figure.Kind.RATE ? "%" : "");
    }

    @Test
    void theFlaggedUnitsAreNamedInTheBulletin() throws Exception {
        for (Office office : jurisdictions()) {
            for (YearMonth m = YearMonth.of(2026, 2); !m.isAfter(YearMonth.of(2026, 8)); m = m.plusMonths(1)) {
                MonthlyBulletin b = bulletins.month(leaderOf(data.provinceId()), office.id(), m);
                if (b.ranking().flagged().isEmpty()) continue;
                String text = new Poppler(bulletins.monthly(leaderOf(office.id()), office.id(), m)).text();
                for (RankedUnit u : b.ranking().flagged()) {
                    assertThat(text).contains("● " + u.name() + "（" + u.code() + "）：" + m.getYear() + "年"
                            + m.getMonthValue() + "月第 " + u.place() + " 名");
                }
                return;
            }
        }
        throw new AssertionError("no flagged unit in the generated data");
    }

    @Test
    void theCjkFontIsEmbeddedAsASubsetAndNoPageIsBlank() throws Exception {
        Poppler pdf = new Poppler(bulletins.monthly(leaderOf(data.provinceId()), data.provinceId(), JUNE));
        String fonts = pdf.fonts();
        assertThat(fonts.lines().filter(l -> l.contains("WenQuanYi")))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("CID TrueType").matches(".*\\byes\\s+yes\\s+yes\\b.*"));
        List<Integer> ink = pdf.inkPerPage();
        assertThat(ink).hasSizeGreaterThanOrEqualTo(2).allSatisfy(n -> assertThat(n).isGreaterThan(2000));
    }

    @Test
    void theYearlyRankingPdfListsTheYearsRankingWithItsRule() throws Exception {
        Office province = scheduler.offices().get(data.provinceId());
        Ranking year = bulletins.year(leaderOf(province.id()), province.id(), Year.of(2026));
        assertThat(year.ranked()).extracting(RankedUnit::officeId).containsExactlyElementsOf(expectedOrder(year));
        String text = new Poppler(bulletins.yearly(leaderOf(province.id()), province.id(), Year.of(2026))).text();
        assertThat(text).contains(province.name() + "信访工作年度排名（2026年）").contains("2026-01-01 至 2026-12-31")
                .contains("再相同的，按单位代码升序").doesNotContain("约谈规则");
        for (RankedUnit u : year.units()) {
            assertThat(text).containsPattern("(?m)^\\s*" + (u.ranked() ? u.place() : "无数据") + "\\s+"
                    + u.name() + "\\s+" + u.code() + "\\s+" + shown(u.completion()) + "\\s+"
                    + shown(u.repliedOnTime()) + "\\s+" + u.items() + "\\s*$");
        }
    }

    @Test
    void theRunOnTheFirstStoresLastMonthsBulletinOfEveryJurisdictionOnce() {
        int offices = jurisdictions().size();
        assertThat(bulletins.issueDue()).isEqualTo(offices);
        assertThat(bulletins.issueDue()).isZero();
        Office province = scheduler.offices().get(data.provinceId());
        List<BulletinInfo> list = bulletins.list(leaderOf(province.id()), province.id());
        assertThat(list).singleElement().satisfies(i -> {
            assertThat(i.period()).isEqualTo("2026-08");
            assertThat(i.kind()).isEqualTo(Period.Kind.MONTH);
            assertThat(i.generatedBy()).isEqualTo("system");
        });
        StoredPdf pdf = bulletins.stored(leaderOf(province.id()), list.get(0).id());
        assertThat(new String(pdf.pdf(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.pdf()).hasSize(list.get(0).size());
        // issuing again on demand keeps the bulletin as issued
        assertThat(bulletins.issue(leaderOf(province.id()), province.id(), YearMonth.of(2026, 8)).id())
                .isEqualTo(list.get(0).id());
        Office city = scheduler.offices().subtree(province.id()).stream().filter(o -> o.level() == OfficeLevel.CITY)
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> bulletins.stored(leaderOf(city.id()), list.get(0).id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> bulletins.list(leaderOf(city.id()), province.id()))
                .isInstanceOf(OutOfJurisdiction.class);
        assertThat(bulletins.list(leaderOf(city.id()), city.id())).singleElement()
                .satisfies(i -> assertThat(i.officeId()).isEqualTo(city.id()));
    }

    @Test
    void aCityLeaderSeesNeitherTheProvincesRankingNorAnotherCitys() {
        List<Office> cities = scheduler.offices().subtree(data.provinceId()).stream()
                .filter(o -> o.level() == OfficeLevel.CITY).toList();
        Actor first = leaderOf(cities.get(0).id());
        assertThatThrownBy(() -> bulletins.month(first, data.provinceId(), JUNE)).isInstanceOf(OutOfJurisdiction.class);
        assertThatThrownBy(() -> bulletins.monthly(first, cities.get(1).id(), JUNE))
                .isInstanceOf(OutOfJurisdiction.class);
        assertThat(bulletins.month(first, cities.get(0).id(), JUNE).ranking().units()).isNotEmpty();
    }

    @Test
    void aMissingFontIsAClearMessageAtStartUp() {
        assertThatThrownBy(() -> Bulletins.create(null, statistics, scheduler.offices(), Clock.systemUTC(),
                new ReportSettings(Path.of("/nonexistent/font.ttc"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/nonexistent/font.ttc")
                .hasMessageContaining("lianxin.reports.font-file").hasMessageContaining("fonts-wqy-microhei");
    }
}
