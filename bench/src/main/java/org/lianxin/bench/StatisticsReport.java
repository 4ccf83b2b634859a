package org.lianxin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The arithmetic of {@code ./lianxin bench statistics}: nearest-rank p95 of the dashboard's timings (a city's and the
 * province's, each p95 taken on its own and the worse one reported, so a slow province is never hidden by a fast
 * city), the baseline's p95 the same way, their ratio, and the last line. The bulletin is {@code n/a} when it was not
 * measured.
 */
record StatisticsReport(long receptions, long offices, List<Double> cityDashboard, List<Double> provinceDashboard,
                        List<Double> cityBaseline, List<Double> provinceBaseline, Double bulletinMs) {
    /** The goals of issue 12. */
    static final double DASHBOARD_GOAL_MS = 200;
    static final double BULLETIN_GOAL_MS = 2000;
    static final double RATIO_GOAL = 1.5;

    StatisticsReport {
        cityDashboard = List.copyOf(cityDashboard);
        provinceDashboard = List.copyOf(provinceDashboard);
        cityBaseline = List.copyOf(cityBaseline);
        provinceBaseline = List.copyOf(provinceBaseline);
    }

    double dashboardP95() {
        return Math.max(Stats.percentile(cityDashboard, 95), Stats.percentile(provinceDashboard, 95));
    }

    double baselineP95() {
        return Math.max(Stats.percentile(cityBaseline, 95), Stats.percentile(provinceBaseline, 95));
    }

    double ratio() {
        return dashboardP95() / baselineP95();
    }

    /** The goals this run missed, in words; empty when it met them all. */
    List<String> missed() {
        List<String> out = new ArrayList<>();
        if (!(dashboardP95() <= DASHBOARD_GOAL_MS)) out.add("dashboard p95 " + Stats.ms(dashboardP95()) + " ms > 200");
        if (bulletinMs != null && !(bulletinMs <= BULLETIN_GOAL_MS)) {
            out.add("bulletin " + Stats.ms(bulletinMs) + " ms > 2000");
        }
        if (!(ratio() <= RATIO_GOAL)) out.add("ratio " + two(ratio()) + " > 1.5");
        return out;
    }

    String lastLine() {
        return "BENCH statistics receptions=" + receptions + " offices=" + offices + " dashboard_p95_ms="
                + Stats.ms(dashboardP95()) + " bulletin_ms=" + (bulletinMs == null ? "n/a" : Stats.ms(bulletinMs))
                + " sql_baseline_p95_ms=" + Stats.ms(baselineP95()) + " ratio=" + two(ratio());
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
