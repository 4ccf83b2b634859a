package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityStepTest {
    static final long S = 1_000_000_000L;
    static final CapacityStep.Idle IDLE = new CapacityStep.Idle(2.0, 1.0);

    /** Two rooms' four sides, each with {@code frames} frames and {@code bytes} bytes each way, errors as given. */
    static Map<String, CapacityStep.Side> sides(long frames, long bytes, String errors) {
        Map<String, CapacityStep.Side> m = new LinkedHashMap<>();
        for (String k : List.of("r1/host", "r1/guest", "r2/host", "r2/guest")) {
            m.put(k, new CapacityStep.Side("inSession", frames, bytes, bytes, k.equals("r2/guest") ? errors : ""));
        }
        return m;
    }

    static CapacityStep.Sample at(long seconds, long app, long janus, long recorder, long busy, long total,
                                  Map<String, CapacityStep.Side> sides) {
        return new CapacityStep.Sample(app, janus, recorder, recorder / 2, busy, total, seconds * S, sides);
    }

    @Test
    void cpuAndBitRatesArePerReceptionOverTheWindowAndTheRatioIsAppOverJanus() {
        // 10 s, two rooms: the app used 3 s of CPU (15 % of a core per room), Janus 2 s (10 %), the recorder 1 s (5 %)
        CapacityStep s = CapacityStep.of(2, at(100, 50 * S, 70 * S, 9 * S, 1000, 4000, sides(1000, 0, "")),
                at(110, 53 * S, 72 * S, 10 * S, 1900, 6000, sides(1150, 250_000, "")), 10, 95, IDLE);

        assertThat(s.seconds()).isEqualTo(10.0);
        assertThat(s.appPct()).isCloseTo(15.0, within(1e-9));
        assertThat(s.janusPct()).isCloseTo(10.0, within(1e-9));
        assertThat(s.recorderPct()).isCloseTo(5.0, within(1e-9));
        assertThat(s.composePct()).as("composing: half the recorder's CPU in these samples").isCloseTo(2.5, within(1e-9));
        assertThat(s.ratio()).isCloseTo(1.5, within(1e-9));
        assertThat(s.ratioWithoutRecorder()).isCloseTo(1.0, within(1e-9));
        assertThat(s.minFps()).isCloseTo(15.0, within(1e-9));
        // four sides sent 250 000 bytes each: 1 000 000 bytes = 8 000 kbit in 10 s over 2 rooms
        assertThat(s.inKbps()).isCloseTo(400.0, within(1e-9));
        assertThat(s.outKbps()).isCloseTo(400.0, within(1e-9));
        assertThat(s.machineBusyPct()).isCloseTo(45.0, within(1e-9));
        assertThat(s.appMarginalPct()).isCloseTo(14.0, within(1e-9));
        assertThat(s.janusMarginalPct()).isCloseTo(9.5, within(1e-9));
        assertThat(s.ok()).isTrue();
        assertThat(CapacityStep.benchLine(s)).isEqualTo("BENCH capacity receptions=2 app_cpu_per_reception_pct=15.00"
                + " janus_cpu_per_reception_pct=10.00 ratio=1.50");
    }

    @Test
    void aSideDecodingTooFewFramesIsTheLimit() {
        Map<String, CapacityStep.Side> end = sides(1150, 0, "");
        end.put("r2/host", new CapacityStep.Side("inSession", 1080, 0, 0, ""));
        CapacityStep s = CapacityStep.of(2, at(0, 0, 0, 0, 0, 10, sides(1000, 0, "")), at(10, S, S, 0, 1, 10, end), 10,
                95, IDLE);
        assertThat(s.minFps()).isCloseTo(8.0, within(1e-9));
        assertThat(s.ok()).isFalse();
        assertThat(s.limit()).contains("below 10.0 fps");
    }

    @Test
    void aSaturatedMachineIsTheLimitUnlessTheThresholdIsOff() {
        CapacityStep.Sample a = at(0, 0, 0, 0, 0, 0, sides(0, 0, ""));
        CapacityStep.Sample b = at(10, S, S, 0, 970, 1000, sides(150, 0, ""));
        assertThat(CapacityStep.of(2, a, b, 10, 95, IDLE).limit()).contains("saturated (97 % busy)");
        assertThat(CapacityStep.of(2, a, b, 10, 1000, IDLE).ok()).isTrue();
    }

    @Test
    void anErrorOrAMissingSideIsTheLimit() {
        CapacityStep.Sample a = at(0, 0, 0, 0, 0, 10, sides(0, 0, ""));
        assertThat(CapacityStep.of(2, a, at(10, S, S, 0, 1, 10, sides(150, 0, "2101 media lost")), 10, 95, IDLE).limit())
                .contains("r2/guest reported errors: 2101 media lost");
        Map<String, CapacityStep.Side> three = sides(150, 0, "");
        three.remove("r1/host");
        assertThat(CapacityStep.of(2, a, at(10, S, S, 0, 1, 10, three), 10, 95, IDLE).limit())
                .contains("only 3 of 4 sides");
    }

    @Test
    void theBestStepIsTheLargestWithinTheLimitsAndWithoutOneTheLineIsNaN() {
        CapacityStep.Sample a = at(0, 0, 0, 0, 0, 10, sides(0, 0, ""));
        CapacityStep one = CapacityStep.of(2, a, at(10, S, S, 0, 1, 10, sides(150, 0, "")), 10, 95, IDLE);
        CapacityStep bad = CapacityStep.of(2, a, at(10, S, S, 0, 1, 10, sides(50, 0, "")), 10, 95, IDLE);
        assertThat(CapacityStep.best(List.of(one, bad))).isSameAs(one);
        assertThat(CapacityStep.best(List.of(bad))).isNull();
        assertThat(CapacityStep.benchLine(null)).isEqualTo("BENCH capacity receptions=NaN"
                + " app_cpu_per_reception_pct=NaN janus_cpu_per_reception_pct=NaN ratio=NaN");
        assertThatThrownBy(() -> CapacityStep.of(0, a, a, 10, 95, IDLE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idleIsTheWholeProcessInPercentOfOneCore() {
        CapacityStep.Idle idle = CapacityStep.Idle.of(at(0, 0, 0, 0, 0, 0, Map.of()), at(20, 2 * S, S, 0, 0, 0, Map.of()));
        assertThat(idle.appPct()).isCloseTo(10.0, within(1e-9));
        assertThat(idle.janusPct()).isCloseTo(5.0, within(1e-9));
    }
}
