package org.lianxin.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One step of {@code ./lianxin bench capacity}, computed from two {@link Sample}s taken at the start and the end of
 * its steady window (pure: no I/O). CPU percentages are of one core (100 = one core busy), per reception; bit rates
 * are per reception as Janus sees them: in = what the two publishers send, out = what the two subscribers receive
 * (the recorder's RTP forwards, about as much again as in, are not in these counters). The step is within the
 * limits unless a side of a reception decodes fewer than {@code minFps} frames a second, a side reported an error,
 * or the machine's CPU was {@code saturatedPct} % busy or more. Idle: the whole process's CPU (% of one core) with no
 * room open, measured before the ramp; the marginal cost of a reception is (the step's CPU - idle) / receptions.
 */
record CapacityStep(int receptions, double seconds, double appPct, double janusPct, double recorderPct,
                    double composePct, double minFps, double inKbps, double outKbps, double machineBusyPct, String limit,
                    double appIdlePct, double janusIdlePct) {

    /** One side (a browser's session) of a reception: its counters from getStats. */
    record Side(String status, long framesDecoded, long bytesReceived, long bytesSent, String errors) {
    }

    /**
     * Cumulative counters at one instant: CPU time (ns) of the app JVM, of Janus, of the recorder's threads and of
     * those of them that compose the review file; the machine's busy and total clock ticks (/proc/stat); wall clock
     * (ns); every side, by name.
     */
    record Sample(long appNanos, long janusNanos, long recorderNanos, long composeNanos, long machineBusy, long machineTotal, long wallNanos,
                  Map<String, Side> sides) {
    }

    /** What the two processes use with no room open: CPU in % of one core over the window from a to b. */
    record Idle(double appPct, double janusPct) {
        static Idle of(Sample a, Sample b) {
            double wall = (b.wallNanos() - a.wallNanos()) / 100.0; // so that nanos / wall is in % of one core
            return new Idle((b.appNanos() - a.appNanos()) / wall, (b.janusNanos() - a.janusNanos()) / wall);
        }
    }

    static CapacityStep of(int receptions, Sample a, Sample b, double minFps, double saturatedPct, Idle idle) {
        double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
        if (receptions <= 0 || wall <= 0) {
            throw new IllegalArgumentException("a step needs receptions and a window, got " + receptions + ", " + wall);
        }
        double perReception = 100.0 / (wall * 1e9) / receptions;
        double app = (b.appNanos() - a.appNanos()) * perReception;
        double janus = (b.janusNanos() - a.janusNanos()) * perReception;
        double recorder = (b.recorderNanos() - a.recorderNanos()) * perReception;
        double compose = (b.composeNanos() - a.composeNanos()) * perReception;
        double fps = Double.POSITIVE_INFINITY;
        long in = 0;
        long out = 0;
        String problem = null;
        if (b.sides().size() < 2 * receptions) {
            problem = "only " + b.sides().size() + " of " + 2 * receptions + " sides reported";
        }
        for (Map.Entry<String, Side> e : b.sides().entrySet()) {
            Side end = e.getValue();
            Side start = a.sides().get(e.getKey());
            if (start == null) {
                problem = "side " + e.getKey() + " was not there at the start of the window";
                continue;
            }
            fps = Math.min(fps, (end.framesDecoded() - start.framesDecoded()) / wall);
            in += end.bytesSent() - start.bytesSent();
            out += end.bytesReceived() - start.bytesReceived();
            if (problem == null && end.errors() != null && !end.errors().isEmpty()) {
                problem = "side " + e.getKey() + " reported errors: " + end.errors();
            }
        }
        if (b.sides().isEmpty()) {
            fps = 0;
        }
        long total = b.machineTotal() - a.machineTotal();
        double busy = total <= 0 ? 0 : 100.0 * (b.machineBusy() - a.machineBusy()) / total;
        if (problem == null && fps < minFps) {
            problem = String.format(Locale.ROOT, "video below %.1f fps (slowest side %.1f fps)", minFps, fps);
        }
        if (problem == null && busy >= saturatedPct) {
            problem = String.format(Locale.ROOT, "machine CPU saturated (%.0f %% busy)", busy);
        }
        double kbps = 8.0 / 1000 / wall / receptions;
        return new CapacityStep(receptions, wall, app, janus, recorder, compose, fps, in * kbps, out * kbps, busy, problem,
                idle.appPct(), idle.janusPct());
    }

    boolean ok() {
        return limit == null;
    }

    /** App CPU over Janus CPU (NaN when Janus used none). */
    double ratio() {
        return janusPct > 0 ? appPct / janusPct : Double.NaN;
    }

    /** The app's CPU per reception beyond what it uses idle (% of one core). */
    double appMarginalPct() {
        return appPct - appIdlePct / receptions;
    }

    /** Janus's CPU per reception beyond what it uses idle (% of one core). */
    double janusMarginalPct() {
        return janusPct - janusIdlePct / receptions;
    }

    /**
     * The app's CPU without its recorder's threads over Janus's CPU: what the signaling, the REST API and the room
     * logic cost next to the SFU (the recorder runs in the app's JVM but is a media workload of its own).
     */
    double ratioWithoutRecorder() {
        return janusPct > 0 ? (appPct - recorderPct) / janusPct : Double.NaN;
    }

    /** The largest step within the limits, or null. */
    static CapacityStep best(List<CapacityStep> steps) {
        CapacityStep best = null;
        for (CapacityStep s : steps) {
            if (s.ok() && (best == null || s.receptions() > best.receptions())) {
                best = s;
            }
        }
        return best;
    }

    String describe() {
        return String.format(Locale.ROOT, "step receptions=%d window=%.1fs app=%.2f%% janus=%.2f%% recorder=%.2f%% (composing %.2f%%)"
                        + " (per reception, of one core; beyond idle: app %.2f%% janus %.2f%%) ratio=%.2f"
                        + " (without the recorder %.2f)"
                        + " slowest_side_fps=%.1f in=%.0f kbit/s out=%.0f kbit/s (per reception) machine_busy=%.0f%% %s",
                receptions, seconds, appPct, janusPct, recorderPct, composePct, appMarginalPct(), janusMarginalPct(), ratio(),
                ratioWithoutRecorder(),
                minFps, inKbps, outKbps, machineBusyPct, ok() ? "ok" : "LIMIT: " + limit);
    }

    /** The result line, from the largest step within the limits; NaN when there was none. */
    static String benchLine(CapacityStep best) {
        if (best == null) {
            return "BENCH capacity receptions=NaN app_cpu_per_reception_pct=NaN janus_cpu_per_reception_pct=NaN"
                    + " ratio=NaN";
        }
        return String.format(Locale.ROOT, "BENCH capacity receptions=%d app_cpu_per_reception_pct=%.2f"
                        + " janus_cpu_per_reception_pct=%.2f ratio=%.2f", best.receptions(), best.appPct(),
                best.janusPct(), best.ratio());
    }
}
