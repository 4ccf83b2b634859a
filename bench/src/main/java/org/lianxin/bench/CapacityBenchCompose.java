package org.lianxin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link CapacityBench}'s compose node ({@code LIANXIN_BENCH_COMPOSE=compose-nodes}): after the ramp every session ends
 * and the compose worker's JVM ({@link CapacityServer} {@code compose-worker}) composes the recordings; its CPU and
 * the review files' delays.
 */
final class CapacityBenchCompose {

    /** How long the compose worker may take for all the recordings after the ramp. */
    static final int COMPOSE_TIMEOUT_SECONDS = 1200;

    private CapacityBenchCompose() {
    }

    /**
     * The compose worker's part: recordings composed (and failed), seconds recorded in them, its CPU while it composed
     * them after the ramp and while it waited during the ramp, and each review file's delay after its session's end.
     */
    record Composed(int done, int failed, double recordedSeconds, long cpuNanos, long idleCpuNanos,
                    double rampSeconds, List<double[]> recordedAndReady) {
        /** % of one core per session, amortised over the seconds recorded. */
        double cpuPerReceptionPct() {
            return recordedSeconds <= 0 ? Double.NaN : cpuNanos / 1e9 / recordedSeconds * 100;
        }
    }

    /** The BENCH line, with the compose worker's CPU per reception when there was one. */
    static String benchLine(CapacityStep best, Composed composed) {
        String line = CapacityStep.benchLine(best);
        return composed == null ? line : line + String.format(Locale.ROOT, " compose_cpu_per_reception_pct=%.2f",
                composed.cpuPerReceptionPct());
    }

    /**
     * Ends every session (the app queues each recording for the compose nodes once its manifest is stored) and waits
     * until the compose worker composed them all; its CPU from the end to the last one.
     */
    static Composed composeAfterTheEnd(ChildJvm app, ChildJvm worker, long workerCpuAtStart,
                                               double rampSeconds) throws InterruptedException {
        long cpu0 = RecordingProc.cpuNanos(worker.pid());
        long t0 = System.nanoTime();
        app.send("end");
        String ended = app.next(120);
        if (!ended.startsWith("ENDED")) {
            throw new IllegalStateException("the sessions did not end: " + ended);
        }
        long deadline = t0 + COMPOSE_TIMEOUT_SECONDS * 1_000_000_000L;
        String[] st;
        while (true) {
            worker.send("status");
            String line = worker.next(60);
            if (!line.startsWith("COMPOSE ")) {
                throw new IllegalStateException("compose worker: " + line);
            }
            st = line.substring(8).trim().split(" ");
            boolean queuedAll = Integer.parseInt(st[1]) + Integer.parseInt(st[2]) > 0;
            if (queuedAll && Integer.parseInt(st[0]) == 0 || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        long cpu1 = RecordingProc.cpuNanos(worker.pid());
        List<double[]> each = new ArrayList<>();
        double recordedSeconds = 0;
        if (!st[3].equals("-")) {
            for (String item : st[3].split(",")) {
                String[] f = item.split(":");
                double[] v = {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
                each.add(v);
                recordedSeconds += v[0];
            }
        }
        Composed c = new Composed(Integer.parseInt(st[1]), Integer.parseInt(st[2]), recordedSeconds, cpu1 - cpu0,
                cpu0 - workerCpuAtStart, rampSeconds, each);
        System.out.printf(Locale.ROOT, "compose worker: %d composed (%d failed, %s pending) in %.0f s after the end,"
                        + " %.1f s of sessions recorded; its CPU %.2f s (%.2f %% of a core per reception, amortised"
                        + " over the seconds recorded); while it waited during the ramp %.2f s in %.0f s; load=%s%n",
                c.done(), c.failed(), st[0], (System.nanoTime() - t0) / 1e9, recordedSeconds, c.cpuNanos() / 1e9,
                c.cpuPerReceptionPct(), c.idleCpuNanos() / 1e9, rampSeconds, CapacityBench.load());
        StringBuilder ready = new StringBuilder();
        for (double[] v : each) {
            ready.append(String.format(Locale.ROOT, " %.0fs->%.1fs", v[0], v[1]));
        }
        System.out.println("review files ready after the end (session length -> delay):" + ready);
        return c;
    }
}
