package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsReportTest {
    /** 1..n milliseconds, shuffled: the percentile must not depend on the order they were measured in. */
    static List<Double> oneTo(int n) {
        List<Double> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add((double) i);
        Collections.shuffle(out, new java.util.Random(n));
        return out;
    }

    static List<Double> times(double factor, List<Double> values) {
        return values.stream().map(v -> v * factor).toList();
    }

    @Test
    void p95IsTheNearestRankOfEachOfficeAndTheWorseOfTheTwoIsReported() {
        // city 1..40 ms: p95 = the 38th; province 2..80 ms: p95 = 76
        StatisticsReport r = new StatisticsReport(209_000, 615, oneTo(40), times(2, oneTo(40)), times(0.5, oneTo(40)),
                oneTo(40), null);
        assertThat(r.dashboardP95()).isEqualTo(76.0);
        assertThat(r.baselineP95()).isEqualTo(38.0);
        assertThat(r.ratio()).isEqualTo(2.0);
        assertThat(Stats.percentile(oneTo(20), 95)).as("of 20 samples: the 19th").isEqualTo(19.0);
        assertThat(Stats.percentile(oneTo(100), 95)).isEqualTo(95.0);
        assertThat(Stats.percentile(List.of(7.0), 95)).isEqualTo(7.0);
    }

    @Test
    void theLastLineHasEveryFieldAndSaysNaWithoutABulletin() {
        StatisticsReport r = new StatisticsReport(209_012, 615, List.of(120.0), List.of(180.04), List.of(100.0),
                List.of(150.0), null);
        assertThat(r.lastLine()).isEqualTo("BENCH statistics receptions=209012 offices=615 dashboard_p95_ms=180.0 "
                + "bulletin_ms=n/a sql_baseline_p95_ms=150.0 ratio=1.20");
        assertThat(r.missed()).isEmpty();
        StatisticsReport withBulletin = new StatisticsReport(1, 1, List.of(1.0), List.of(1.0), List.of(1.0),
                List.of(1.0), 812.46);
        assertThat(withBulletin.lastLine()).contains(" bulletin_ms=812.5 ").endsWith(" ratio=1.00");
    }

    @Test
    void missedGoalsAreNamed() {
        StatisticsReport slow = new StatisticsReport(1, 1, List.of(250.0), List.of(90.0), List.of(100.0),
                List.of(60.0), 2500.0);
        assertThat(slow.missed()).containsExactly("dashboard p95 250.0 ms > 200", "bulletin 2500.0 ms > 2000",
                "ratio 2.50 > 1.5");
        StatisticsReport empty = new StatisticsReport(0, 0, List.of(), List.of(), List.of(), List.of(), null);
        assertThat(empty.missed()).as("no runs: nothing met").hasSize(2);
        assertThat(empty.lastLine()).contains("dashboard_p95_ms=NaN", "ratio=NaN");
    }
}
