package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.lianxin.signaling.testing.JanusTestHost;

/**
 * {@code bench capacity} sized for CI: two steps (1 and 2 recorded rooms, 5 s windows), a real Janus in a network
 * namespace, the application as a JVM of its own, headless Chromium. Checks the numbers are sane, not fast: both
 * processes used CPU, every side decoded video through each window, the recorder's threads ran and wrote files, and
 * the result line carries the step. The machine-saturation limit is off (CI's machine is shared with the build).
 * The review files are made on a compose node (the default): the app composes nothing, the compose worker's JVM
 * composed both recordings after the end, with CPU, and its key is in the line.
 */
class CapacityBenchIT {

    @Test
    void twoRecordedRoomsDecodeVideoAndBothTheAppAndJanusUseCpu() throws Exception {
        boolean chromium = Chromium.available();
        if (!chromium && JanusTestHost.strict()) {
            throw new AssertionError("LIANXIN_TEST_STRICT is set but chromium or chromedriver is missing");
        }
        assumeTrue(JanusTestHost.available() && chromium, "needs root, Janus, ip, chromium and chromedriver");

        CapacityBench.Result r = CapacityBench.run(2, 5, 3, 1000, true);

        assertThat(r.steps()).as("a step per room count, none stopped early").hasSize(2);
        assertThat(r.idle().appPct()).as("idle app CPU").isGreaterThanOrEqualTo(0);
        for (CapacityStep s : r.steps()) {
            assertThat(s.ok()).as("step %d within the limits: %s", s.receptions(), s.limit()).isTrue();
            assertThat(s.appPct()).as("app CPU per reception").isPositive();
            assertThat(s.janusPct()).as("Janus CPU per reception").isPositive();
            assertThat(s.recorderPct()).as("recorder CPU per reception").isPositive().isLessThanOrEqualTo(s.appPct());
            assertThat(s.composePct()).as("the app composes nothing (compose-nodes)").isZero();
            assertThat(s.minFps()).as("the slowest side's decoded frames a second").isGreaterThanOrEqualTo(3);
            assertThat(s.inKbps()).as("publishers' bit rate").isPositive();
            assertThat(s.outKbps()).as("subscribers' bit rate").isPositive();
        }
        assertThat(r.recordedBytes()).as("the recorder wrote files").isPositive();
        assertThat(r.recorderThreads()).contains("capture-");
        CapacityBenchCompose.Composed c = r.composed();
        assertThat(c).as("the compose worker's part").isNotNull();
        assertThat(c.failed()).as("compositions failed").isZero();
        assertThat(c.done()).as("recordings the compose worker composed").isEqualTo(2);
        assertThat(c.recordedAndReady()).hasSize(2).allSatisfy(v -> {
            assertThat(v[0]).as("seconds recorded").isPositive();
            assertThat(v[1]).as("review file ready after the end (s)").isPositive();
        });
        assertThat(c.cpuNanos()).as("the compose worker's CPU while composing").isPositive();
        assertThat(CapacityBenchCompose.benchLine(CapacityStep.best(r.steps()), c))
                .matches("BENCH capacity receptions=2 app_cpu_per_reception_pct=\\d+\\.\\d\\d"
                        + " janus_cpu_per_reception_pct=\\d+\\.\\d\\d ratio=\\d+\\.\\d\\d"
                        + " compose_cpu_per_reception_pct=\\d+\\.\\d\\d");
    }
}
