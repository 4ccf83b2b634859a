package org.lianxin.statistics.internal;

import java.time.Clock;
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
    private final Offices offices;
    private final Clock clock;
    private final FigureSql sql;

    public JdbcStatistics(DataSource dataSource, Offices offices, Clock clock) {
        this.offices = offices;
        this.clock = clock;
        this.sql = new FigureSql(JdbcClient.create(dataSource));
    }

    @Override
    public FigureTable figures(Actor actor, FigureQuery q) {
        Office office = offices.get(q.officeId());
        if (!offices.get(actor.officeId()).contains(office)) {
            throw new OutOfJurisdiction("statistics-out-of-jurisdiction", "office " + office.code()
                    + " lies outside the jurisdiction of " + actor.username());
        }
        ZoneId zone = office.zone();
        FigureSql.Window whole = window(office, q.from(), q.to());
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
                        sums(FigureSql.Split.TOTAL, window(office, from, to)), FigureSql.TOTAL));
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

    private FigureSql.Window window(Office office, LocalDate from, LocalDate to) {
        ZoneId zone = office.zone();
        return new FigureSql.Window(office.id(), office.path(), from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant(), from, to, clock.instant());
    }

    private Rows.Sums sums(FigureSql.Split split, FigureSql.Window w) {
        return new Rows.Sums(sql.sums(Sources.BOOKINGS, split, w), sql.sums(Sources.CASES, split, w),
                sql.sums(Sources.ITEMS, split, w), sql.sums(Sources.REPLIES, split, w),
                sql.sums(Sources.SCORES, split, w));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

}
