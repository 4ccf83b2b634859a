package org.lianxin.statistics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.statistics.FigureQuery;
import org.lianxin.statistics.FigureRow;
import org.lianxin.statistics.FigureTable;
import org.lianxin.statistics.GroupBy;
import org.lianxin.statistics.Measure;
import org.lianxin.statistics.Statistics;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scope, range and rows: the office must lie in the actor's subtree; the range's whole days are taken in that office's
 * zone; a breakdown by child office or category is one statement per source with its total; a breakdown by month is
 * the total statements once per month of the range.
 */
public final class JdbcStatistics implements Statistics {
    /** How long after a refresh a row committed out of id order may still be missing from the stored sums. */
    public static final java.time.Duration ROLLUP_SETTLE = Rollups.SETTLE;

    private final Offices offices;
    private final Clock clock;
    private final FigureSql sql;
    private final Rollups rollups;
    private final RollupRead stored;

    /**
     * @param rollupMaxAge how long stored monthly sums are kept before they are built again from scratch (they are
     *                     brought up to date before every read regardless); null: no stored sums, every figure counted
     *                     directly from the facts
     */
    public JdbcStatistics(DataSource dataSource, Offices offices, Clock clock, Duration rollupMaxAge) {
        this.offices = offices;
        this.clock = clock;
        this.sql = new FigureSql(JdbcClient.create(dataSource));
        this.rollups = rollupMaxAge == null ? null : new Rollups(dataSource, rollupMaxAge);
        this.stored = new RollupRead(sql);
    }

    @Override
    public FigureTable figures(Actor actor, FigureQuery q) {
        Office office = offices.get(q.officeId());
        if (!offices.get(actor.officeId()).contains(office)) {
            throw new OutOfJurisdiction("statistics-out-of-jurisdiction", "office " + office.code()
                    + " lies outside the jurisdiction of " + actor.username());
        }
        ZoneId zone = office.zone();
        Instant now = clock.instant();
        Range whole = new Range(office, q.from(), q.to(), now,
                rollups == null ? null : rollups.ensure(zone.getId(), now));
        // by child office, the same statements give the total; otherwise the total is a statement of its own
        Rows.Sums byChild = q.groupBy() == GroupBy.OFFICE_CHILDREN ? sums(FigureSql.Split.CHILDREN, whole) : null;
        FigureRow total = Rows.row(FigureSql.TOTAL, "合计", "Total",
                byChild != null ? byChild : sums(FigureSql.Split.TOTAL, whole), FigureSql.TOTAL);
        List<FigureRow> rows = new ArrayList<>();
        if (q.groupBy() == GroupBy.MONTH) {
            for (YearMonth m = YearMonth.from(q.from()); !m.isAfter(YearMonth.from(q.to())); m = m.plusMonths(1)) {
                LocalDate from = max(m.atDay(1), q.from());
                LocalDate to = min(m.atEndOfMonth(), q.to());
                rows.add(Rows.row(m.toString(), m.toString(), m.toString(),
                        sums(FigureSql.Split.TOTAL, new Range(office, from, to, now, whole.coverage())),
                        FigureSql.TOTAL));
            }
        } else if (q.groupBy() == GroupBy.CATEGORY) {
            Rows.Sums byCategory = sums(FigureSql.Split.CATEGORY, whole);
            for (String category : new TreeSet<>(byCategory.keys())) {
                rows.add(Rows.row(category, category, category, byCategory, category));
            }
        } else {
            List<Office> children = offices.subtree(office.id()).stream()
                    .filter(o -> o.parentId() != null && o.parentId() == office.id())
                    .sorted(Comparator.comparing(Office::code)).toList();
            for (Office child : children) {
                String key = Long.toString(child.id());
                rows.add(Rows.row(key, child.name(), child.nameEn() == null ? child.name() : child.nameEn(), byChild,
                        key));
            }
            rows.add(Rows.own(office, total, rows));
        }
        return new FigureTable(q, office, zone.getId(), rows, total);
    }

    /** Whole days {@code from}..{@code to} of an office's subtree, and the months stored for its zone (null: none). */
    private record Range(Office office, LocalDate from, LocalDate to, Instant now, Rollups.Coverage coverage) {
    }

    private FigureSql.Window window(Range r, LocalDate from, LocalDate to) {
        ZoneId zone = r.office().zone();
        return new FigureSql.Window(r.office().id(), r.office().path(), from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant(), from, to, r.now());
    }

    /**
     * The sums of a range: its whole months that are stored read from the rollups, its other days (the ends of the
     * range, months outside the stored horizon) counted directly; every sum is over rows dated in the range, so the
     * parts add up to what one direct statement over the range gives.
     */
    private Rows.Sums sums(FigureSql.Split split, Range r) {
        RawSums out = new RawSums();
        YearMonth first = r.from().getDayOfMonth() == 1 ? YearMonth.from(r.from()) : YearMonth.from(r.from()).plusMonths(1);
        YearMonth last = r.to().equals(YearMonth.from(r.to()).atEndOfMonth()) ? YearMonth.from(r.to())
                : YearMonth.from(r.to()).minusMonths(1);
        Rollups.Coverage c = r.coverage();
        if (c != null) {
            if (first.isBefore(c.first())) first = c.first();
            if (last.isAfter(c.last())) last = c.last();
        }
        if (c == null || first.isAfter(last)) {
            out.add(direct(split, window(r, r.from(), r.to())));
            return out.rounded();
        }
        LocalDate storedFrom = first.atDay(1);
        LocalDate storedTo = last.atEndOfMonth();
        out.add(stored.sums(r.office().zone().getId(), first, last, split, window(r, storedFrom, storedTo), c.asOf()));
        if (r.from().isBefore(storedFrom)) out.add(direct(split, window(r, r.from(), storedFrom.minusDays(1))));
        if (r.to().isAfter(storedTo)) out.add(direct(split, window(r, storedTo.plusDays(1), r.to())));
        return out.rounded();
    }

    private RawSums direct(FigureSql.Split split, FigureSql.Window w) {
        RawSums out = new RawSums();
        for (RollupSql.Stored s : RollupSql.Stored.values()) out.add(s, sql.raw(s.source, split, w));
        return out;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

}
