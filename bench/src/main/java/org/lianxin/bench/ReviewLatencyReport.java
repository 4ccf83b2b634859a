package org.lianxin.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@link ReviewLatencyBench} prints after its runs: the medians of the raw and composed latencies against their
 * goals, the ffmpeg CLI baselines, the composing threads' CPU, the like-for-like comparison of the mode and the
 * {@code BENCH} line.
 */
final class ReviewLatencyReport {
    private ReviewLatencyReport() {
    }

    /** Prints the summary and the BENCH line; exit status: 1 when a live session showed no composing thread. */
    static int print(List<ReviewLatencyBench.Run> runs, ThreadCpu composingCpu) {
        List<Double> raw = runs.stream().map(ReviewLatencyBench.Run::rawMs).toList();
        List<Double> composed = runs.stream().map(ReviewLatencyBench.Run::composedMs).toList();
        List<Double> remux = runs.stream().map(ReviewLatencyBench.Run::ffmpegRemuxMs).toList();
        List<Double> cli = runs.stream().map(ReviewLatencyBench.Run::ffmpegComposeMs).toList();
        List<Double> cliCpu = runs.stream().map(ReviewLatencyBench.Run::ffmpegComposeCpuMs).toList();
        List<Double> cpuSession = runs.stream().map(ReviewLatencyBench.Run::composeCpuSessionMs).toList();
        List<Double> cpuSessionPct = runs.stream().map(ReviewLatencyBench.Run::composeSessionCorePct).toList();
        List<Double> cpuAfter = runs.stream().map(ReviewLatencyBench.Run::composeCpuAfterMs).toList();
        List<Double> cpuTotal = runs.stream().map(ReviewLatencyBench.Run::composeCpuMs).toList();
        double rawMed = Stats.percentile(raw, 50), composedMed = Stats.percentile(composed, 50);
        double goalComposed = ReviewLatencyBench.SECONDS * 1000.0 / 8;
        System.out.printf(Locale.ROOT, "runs %d, session %d s (from the petitioner's admission), nproc %d,"
                        + " live-compositions %d (%s)%n", runs.size(), ReviewLatencyBench.SECONDS,
                Runtime.getRuntime().availableProcessors(), ReviewLatencyBench.LIVE_COMPOSITIONS,
                ReviewLatencyBench.LIVE_COMPOSITIONS > 0 ? "composed while the session runs"
                        : "composed after the end");
        System.out.printf(Locale.ROOT, "raw:      min %s median %s max %s ms (goal <= 3000)%n",
                Stats.ms(Stats.percentile(raw, 0)), Stats.ms(rawMed), Stats.ms(Stats.percentile(raw, 100)));
        System.out.printf(Locale.ROOT, "composed: min %s median %s max %s ms (goal <= %s = session/8)%n",
                Stats.ms(Stats.percentile(composed, 0)), Stats.ms(composedMed),
                Stats.ms(Stats.percentile(composed, 100)), Stats.ms(goalComposed));
        System.out.printf(Locale.ROOT, "baseline: ffmpeg CLI remux (-c copy, per track) median %s ms; ffmpeg CLI"
                        + " compose (hstack, libx264 ultrafast, same settings) median %s ms wall, %s ms CPU;"
                        + " session %d000 ms%n", Stats.ms(Stats.percentile(remux, 50)),
                Stats.ms(Stats.percentile(cli, 50)), Stats.ms(Stats.percentile(cliCpu, 50)),
                ReviewLatencyBench.SECONDS);
        System.out.printf(Locale.ROOT, "composing threads' CPU (median): %s ms during the session (%s %% of one"
                        + " core), %s ms after the end, %s ms in all, vs %s ms for the ffmpeg CLI composing the whole"
                        + " file; counted threads: %s%n", Stats.ms(Stats.percentile(cpuSession, 50)),
                Stats.ms(Stats.percentile(cpuSessionPct, 50)), Stats.ms(Stats.percentile(cpuAfter, 50)),
                Stats.ms(Stats.percentile(cpuTotal, 50)), Stats.ms(Stats.percentile(cliCpu, 50)),
                composingCpu.byName().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() / 1_000_000
                        + " ms").collect(Collectors.joining(", ")));
        if (ReviewLatencyBench.MODE.equals("after")) {
            System.out.printf(Locale.ROOT, "like for like (all of it after the end): composed_ms median %s ms vs"
                            + " the ffmpeg CLI's %s ms (wall)%n", Stats.ms(composedMed),
                    Stats.ms(Stats.percentile(cli, 50)));
        } else {
            System.out.printf(Locale.ROOT, "like for like (live): composed_ms is only what was left after the end;"
                            + " the whole composition cost %s ms of CPU (during + after) vs the ffmpeg CLI's %s ms"
                            + " for the whole file; compare composed_ms with mode=after's%n",
                    Stats.ms(Stats.percentile(cpuTotal, 50)), Stats.ms(Stats.percentile(cliCpu, 50)));
        }
        boolean cpuSeen = ReviewLatencyBench.MODE.equals("after")
                || runs.stream().allMatch(r -> r.composeCpuSessionMs() > 0);
        if (!cpuSeen) {
            System.out.println("NO COMPOSING THREAD RAN DURING A LIVE SESSION (none named like "
                    + ReviewLatencyBench.COMPOSING
                    + "?): the composing CPU figures are NaN; see the counted threads above");
        }
        System.out.printf(Locale.ROOT, "BENCH review-latency mode=%s raw_ms=%.0f composed_ms=%.0f"
                        + " compose_cpu_session_ms=%s compose_session_core_pct=%s compose_cpu_after_ms=%s"
                        + " cli_compose_ms=%.0f cli_compose_cpu_ms=%.0f%n", ReviewLatencyBench.MODE, rawMed,
                composedMed,
                cpuSeen ? String.format(Locale.ROOT, "%.0f", Stats.percentile(cpuSession, 50)) : "NaN",
                cpuSeen ? String.format(Locale.ROOT, "%.2f", Stats.percentile(cpuSessionPct, 50)) : "NaN",
                cpuSeen ? String.format(Locale.ROOT, "%.0f", Stats.percentile(cpuAfter, 50)) : "NaN",
                Stats.percentile(cli, 50), Stats.percentile(cliCpu, 50));
        return cpuSeen ? 0 : 1;
    }
}
