package org.lianxin.statistics.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The statements that fill {@code st_rollup}: for one source, its sums of every month of a horizon at once, grouped
 * by month, office path and category. They are {@link Sources}' own expressions with the range's values taken from a
 * list of months joined to the rows (a row due in one month and accepted in another counts in each, under the sums of
 * that month), so a month's stored sums are what the direct statement over that month gives.
 */
final class RollupSql {
    /** The sources as stored, by the name of their rows in {@code st_rollup.source}. */
    enum Stored {
        B(Sources.BOOKINGS), C(Sources.CASES), I(Sources.ITEMS), R(Sources.REPLIES), S(Sources.SCORES);

        final Sources.Source source;

        Stored(Sources.Source source) {
            this.source = source;
        }
    }

    static final int WIDTH = 7;
    private static final Pattern PATH = Pattern.compile("/([0-9]+/)*");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_+/-]+");
    private static final Pattern RANGE_VALUE = Pattern.compile(":(start|end|from|to)(?![A-Za-z0-9])");

    private RollupSql() {
    }

    /**
     * The INSERT of {@code stored}'s sums for each month {@code first}..{@code last} in {@code zone}, over the rows of
     * the offices at {@code paths} (null: every office), with items overdue counted at {@code asOf}.
     */
    static String insert(Stored stored, String zone, YearMonth first, YearMonth last, Collection<String> paths,
                         Instant asOf) {
        Sources.Source s = stored.source;
        ZoneId z = ZoneId.of(zone(zone));
        String scope = scope(paths);
        StringBuilder months = new StringBuilder();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            if (months.length() > 0) months.append(", ");
            months.append("('").append(m).append("', ").append(Literals.timestamp(m.atDay(1).atStartOfDay(z).toInstant()))
                    .append(", ").append(Literals.timestamp(m.plusMonths(1).atDay(1).atStartOfDay(z).toInstant()))
                    .append(", ").append(Literals.date(m.atDay(1))).append(", ").append(Literals.date(m.atEndOfMonth()))
                    .append(")");
        }
        StringBuilder sql = new StringBuilder("insert into st_rollup (zone, ym, path, category, source, s0, s1, s2, "
                + "s3, s4, s5, s6) select '").append(zone).append("', mo.k, ").append(s.path()).append(", ")
                .append(s.category()).append(", '").append(stored.name()).append("'");
        for (int i = 0; i < WIDTH; i++) {
            sql.append(", ").append(i < s.sums().size() ? "sum(" + perMonth(s.sums().get(i)) + ")" : "0");
        }
        sql.append(" from ").append(s.from().replace("like :scope", scope)).append(s.categoryJoin())
                .append(" join (values ").append(months).append(") mo (k, s, e, f, t) on ").append(perMonth(s.where()))
                .append(" where ").append(s.path()).append(' ').append(scope)
                .append(" group by mo.k, ").append(s.path()).append(", ").append(s.category());
        // what is left (the sub-selects' range) is the whole horizon
        FigureSql.Window horizon = new FigureSql.Window(0, "/", first.atDay(1).atStartOfDay(z).toInstant(),
                last.plusMonths(1).atDay(1).atStartOfDay(z).toInstant(), first.atDay(1), last.atEndOfMonth(), asOf);
        return Literals.inline(sql.toString(), horizon);
    }

    /** The columns of {@code st_rollup_office} holding {@code stored}'s sums, in the source's order. */
    static List<String> officeColumns(Stored stored) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stored.source.sums().size(); i++) out.add(stored.name().toLowerCase() + i);
        return out;
    }

    /** The INSERT of {@code st_rollup_office}'s rows of {@code zone} at {@code paths} (null: all) from st_rollup's. */
    static String insertOffices(String zone, Collection<String> paths) {
        List<String> columns = new ArrayList<>();
        List<String> sums = new ArrayList<>();
        for (Stored stored : Stored.values()) {
            List<String> names = officeColumns(stored);
            for (int i = 0; i < names.size(); i++) {
                columns.add(names.get(i));
                sums.add("sum(case when source = '" + stored.name() + "' then s" + i + " else 0 end)");
            }
        }
        return "insert into st_rollup_office (zone, ym, path, " + String.join(", ", columns) + ") select zone, ym, "
                + "path, " + String.join(", ", sums) + " from st_rollup where zone = '" + zone(zone) + "'"
                + (paths == null ? "" : " and path " + scope(paths)) + " group by zone, ym, path";
    }

    /** The rows of {@code zone} at {@code paths} (null: all) of {@code st_rollup_office}. */
    static String deleteOffices(String zone, Collection<String> paths) {
        return "delete from st_rollup_office where zone = '" + zone(zone) + "'"
                + (paths == null ? "" : " and path " + scope(paths));
    }

    /** The rows of {@code zone} at {@code paths} (null: all). */
    static String delete(String zone, Collection<String> paths, Stored only) {
        return "delete from st_rollup where zone = '" + zone(zone) + "'"
                + (paths == null ? "" : " and path " + scope(paths))
                + (only == null ? "" : " and source = '" + only.name() + "'");
    }

    /** {@code like '/%'} for every office, or {@code in (…)} of the given paths, each checked to be a path. */
    static String scope(Collection<String> paths) {
        if (paths == null) return "like '/%'";
        List<String> quoted = new ArrayList<>();
        for (String p : paths) {
            if (!PATH.matcher(p).matches()) throw new IllegalArgumentException("not an office path: " + p);
            quoted.add("'" + p + "'");
        }
        return "in (" + String.join(", ", quoted) + ")";
    }

    static String zone(String zone) {
        if (!ZONE.matcher(zone).matches()) throw new IllegalArgumentException("not a zone: " + zone);
        return zone;
    }

    /** The range's values in a source's condition or sum taken from the joined month {@code mo}. */
    private static String perMonth(String expression) {
        return RANGE_VALUE.matcher(expression).replaceAll(r -> "mo." + r.group(1).charAt(0));
    }
}
