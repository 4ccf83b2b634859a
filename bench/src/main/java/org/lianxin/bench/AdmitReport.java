package org.lianxin.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link AdmitBench} measured, summed up: one admission's times at both ends, the summary, the decode-time line
 * ({@code BENCH admit-decoded}, by the browsers' own times) and the goal's last line ({@code BENCH admit}).
 */
final class AdmitReport {
    private AdmitReport() {
    }

    /** One admission: ms from the click to the first frame at the kiosk, at the console, and at both. */
    record Admission(int index, double kioskMs, double consoleMs, String kioskBy, String consoleBy, Map<?, ?> kioskSteps,
                     Map<?, ?> consoleSteps, boolean sameConnections) {
        double bothMs() {
            return Math.max(kioskMs, consoleMs);
        }

        /**
         * The same, by the browsers' own times where they report one (see {@link #decoded}) instead of the moment the
         * page noticed.
         */
        double bothDecodedMs() {
            return Math.max(decoded(kioskSteps, kioskMs), decoded(consoleSteps, consoleMs));
        }
    }

    /**
     * The earliest time a page's browser says it had decoded a frame: {@code noticed} (the page's rVFC callback or
     * getStats poll, the goal's measure, late by whatever kept the page's main thread), the step {@code decoded} (the
     * presented frame's last packet + its decode time, rVFC metadata; a later frame's if the video was attached late),
     * or when the first getStats report counting a decoded frame was collected ({@code stats-collected},
     * {@code statsDecoded}; Chromium keeps a report 50 ms, so still up to 50 ms after the decode).
     */
    static double decoded(Map<?, ?> steps, double noticed) {
        double at = noticed;
        for (String key : DECODED_STEPS) {
            if (steps != null && steps.get(key) instanceof Number n) {
                at = Math.min(at, n.doubleValue());
            }
        }
        return at;
    }

    static final List<String> DECODED_STEPS = List.of("decoded", "stats-collected", "statsDecoded");

    /** {@link #report(List, List, int)}, with the decode-time line ({@link #decodedLine}) just before the BENCH line. */
    static int report(List<Admission> admissions, List<Double> raw, List<Double> rawDecoded, int runs) {
        if (!admissions.isEmpty() && !rawDecoded.isEmpty()) {
            System.out.println(decodedLine(admissions, rawDecoded));
        }
        return report(admissions, raw, runs);
    }

    /** The same admissions and bare joins by the browsers' own times ({@link #decoded}); not the goal's line. */
    static String decodedLine(List<Admission> admissions, List<Double> rawDecoded) {
        List<Double> both = admissions.stream().map(Admission::bothDecodedMs).toList();
        double p50 = Stats.percentile(both, 50);
        double rawP50 = Stats.percentile(rawDecoded, 50);
        return "BENCH admit-decoded n=" + both.size() + " admit_to_decoded_p50_ms=" + Stats.ms(p50)
                + " admit_to_decoded_p95_ms=" + Stats.ms(Stats.percentile(both, 95)) + " raw_janus_decoded_p50_ms="
                + Stats.ms(rawP50) + " ratio=" + String.format(Locale.ROOT, "%.2f", p50 / rawP50)
                + " (by the browsers' own times, AdmitBench.decoded; the goal's line is the last)";
    }

    /** Prints the summary and the BENCH line; 0 when every run was measured. */
    static int report(List<Admission> admissions, List<Double> raw, int runs) {
        List<Double> both = admissions.stream().map(Admission::bothMs).toList();
        if (!admissions.isEmpty()) {
            List<Double> kiosk = admissions.stream().map(Admission::kioskMs).toList();
            List<Double> console = admissions.stream().map(Admission::consoleMs).toList();
            System.out.println("leader: the real console page; kiosk: the kiosk's live code (devices.js, live.js) on"
                    + " the application's origin, " + (AdmitBench.LOBBY_PUBLISH ? "publishing to nobody in the lobby for "
                    + AdmitBench.LOBBY_SECONDS + " s" : "NOT publishing in the lobby (LIANXIN_BENCH_LOBBY_PUBLISH=0)"));
            System.out.printf("admit (both ends): min %s p50 %s p95 %s max %s ms%n", Stats.ms(Stats.percentile(both, 0)),
                    Stats.ms(Stats.percentile(both, 50)), Stats.ms(Stats.percentile(both, 95)),
                    Stats.ms(Stats.percentile(both, 100)));
            System.out.printf("  kiosk decodes the leader:      p50 %s p95 %s ms%n", Stats.ms(Stats.percentile(kiosk, 50)),
                    Stats.ms(Stats.percentile(kiosk, 95)));
            System.out.printf("  console decodes the petitioner: p50 %s p95 %s ms%n",
                    Stats.ms(Stats.percentile(console, 50)), Stats.ms(Stats.percentile(console, 95)));
        }
        if (!raw.isEmpty()) {
            System.out.printf("janus (page start -> first frame): min %s p50 %s p95 %s max %s ms%n",
                    Stats.ms(Stats.percentile(raw, 0)), Stats.ms(Stats.percentile(raw, 50)),
                    Stats.ms(Stats.percentile(raw, 95)), Stats.ms(Stats.percentile(raw, 100)));
        }
        boolean complete = both.size() == runs && raw.size() == runs && runs > 0;
        if (!complete) {
            System.out.println("NOT VALID: measured " + both.size() + " admissions and " + raw.size()
                    + " bare-Janus joins of " + runs);
        }
        System.out.println(benchLine(complete ? both : List.of(), complete ? raw : List.of()));
        return complete ? 0 : 1;
    }

    /** The last line; NaN for what was not measured. */
    static String benchLine(List<Double> both, List<Double> raw) {
        double p50 = both.isEmpty() ? Double.NaN : Stats.percentile(both, 50);
        double p95 = both.isEmpty() ? Double.NaN : Stats.percentile(both, 95);
        double rawP50 = raw.isEmpty() ? Double.NaN : Stats.percentile(raw, 50);
        String ratio = Double.isNaN(p50) || Double.isNaN(rawP50) ? "NaN"
                : String.format(Locale.ROOT, "%.2f", p50 / rawP50);
        return "BENCH admit n=" + both.size() + " admit_to_frame_p50_ms=" + num(p50) + " admit_to_frame_p95_ms="
                + num(p95) + " raw_janus_join_p50_ms=" + num(rawP50) + " ratio=" + ratio;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : Stats.ms(v);
    }
}
