package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.testing.RtpReplayer;

/** A benchmark that did not measure what it claims says so: NaN in its BENCH line and a failing exit status. */
class BenchResultsTest {

    static RecordingResult phase(String name, double cpuPct, long maxLateMs) {
        return new RecordingResult(name, 10, 40, cpuPct, 0, 0, 0, 0, 1000, 1500, 600,
                new RtpReplayer.Lateness(2500, maxLateMs > 5 ? 100 : 0, Duration.ofMillis(maxLateMs)), 3.0, 0,
                Map.of(), Map.of(), new long[10], new long[10]);
    }

    static String printed(Runnable r) {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(out);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void recordingBenchWithBothPhasesValidGivesTheRatio() {
        RecordingBench.Options o = RecordingBench.Options.parse(new String[] {"--tracks", "10"});
        Map<String, RecordingResult> results = new LinkedHashMap<>();
        results.put("ours", phase("ours", 4.0, 40));
        results.put("cli", phase("cli", 8.0, 900));
        int[] rc = new int[1];
        String out = printed(() -> rc[0] = RecordingReport.report(o, results));
        assertThat(rc[0]).isZero();
        assertThat(out).contains("BENCH recording tracks=10 cpu_per_track_pct=0.400 ffmpeg_cli_cpu_per_track_pct=0.800"
                + " ratio=0.50 lost_packets=0 valid=true");
    }

    @Test
    void recordingBenchRefusesAPhaseWhoseReplayerFellMoreThanASecondBehindInTheWindow() {
        RecordingBench.Options o = RecordingBench.Options.parse(new String[] {"--tracks", "10"});
        Map<String, RecordingResult> results = new LinkedHashMap<>();
        results.put("ours", phase("ours", 4.0, 40));
        results.put("cli", phase("cli", 8.0, 3000));
        int[] rc = new int[1];
        String out = printed(() -> rc[0] = RecordingReport.report(o, results));
        assertThat(rc[0]).isEqualTo(1);
        assertThat(out).contains("NOT VALID: cli invalid: the replayer fell behind real time by up to 3000 ms")
                .contains("ffmpeg_cli_cpu_per_track_pct=NaN ratio=NaN").contains("valid=false")
                .contains("cpu_per_track_pct=0.400");
    }

    @Test
    void recordingBenchWithAFailedPhaseGivesNaNAndFails() {
        RecordingBench.Options o = RecordingBench.Options.parse(new String[] {"--tracks", "10"});
        Map<String, RecordingResult> results = new LinkedHashMap<>();
        results.put("cli", phase("cli", 8.0, 30));
        int[] rc = new int[1];
        String out = printed(() -> rc[0] = RecordingReport.report(o, results));
        assertThat(rc[0]).isEqualTo(1);
        assertThat(out).contains("NOT VALID: ours failed").contains("cpu_per_track_pct=NaN")
                .contains("ratio=NaN lost_packets=NaN valid=false");
    }

    @Test
    void signalingBenchWithNoStepWithinTheLimitsHasNoResult() {
        assertThat(SignalingBench.benchLine(null)).isEqualTo("BENCH signaling clients=NaN heap_per_client_kb=NaN"
                + " broadcast_p99_ms=NaN broadcasts_per_step=200");
        SignalingBench.Step step = new SignalingBench.Step(5000, 140, 330, 0, 3.0, 14.4, 250_000_000L, 48.2, 5100, true);
        assertThat(SignalingBench.benchLine(step)).isEqualTo("BENCH signaling clients=5000 heap_per_client_kb=48.2"
                + " broadcast_p99_ms=14.4 broadcasts_per_step=200");
    }

    @Test
    void admitBenchGivesTheRatioOfBothEndsAdmissionToTheBareJanusJoin() {
        List<AdmitReport.Admission> admissions = List.of(
                new AdmitReport.Admission(0, 90.0, 120.0, "rVFC", "rVFC", Map.of(), Map.of(), true),
                new AdmitReport.Admission(1, 150.0, 100.0, "rVFC", "getStats", Map.of(), Map.of(), true));
        int[] rc = new int[1];
        String out = printed(() -> rc[0] = AdmitReport.report(admissions, List.of(260.0, 240.0), 2));
        assertThat(rc[0]).isZero();
        assertThat(out.strip().lines().reduce((a, b) -> b).orElseThrow()).as("the last line: the slower end counts")
                .isEqualTo("BENCH admit n=2 admit_to_frame_p50_ms=120.0 admit_to_frame_p95_ms=150.0"
                        + " raw_janus_join_p50_ms=240.0 ratio=0.50");
    }

    @Test
    void admitBenchDecodeTimesAreTheEarliestTheBrowserReportsAndNeverLaterThanThePageNoticed() {
        Map<String, Double> steps = Map.of("decoded", 80.0, "stats-collected", 95.0, "got-offerUpdate", 10.0);
        assertThat(AdmitReport.decoded(steps, 120.0)).as("rVFC's decode time, not another step").isEqualTo(80.0);
        assertThat(AdmitReport.decoded(Map.of("decoded", 140.0, "statsDecoded", 130.0), 120.0))
                .as("a later frame's decode time (video attached late) does not count").isEqualTo(120.0);
        assertThat(AdmitReport.decoded(Map.of(), 120.0)).isEqualTo(120.0);

        List<AdmitReport.Admission> admissions = List.of(
                new AdmitReport.Admission(0, 90.0, 120.0, "rVFC", "getStats", Map.of(), Map.of("stats-collected", 100.0),
                        true),
                new AdmitReport.Admission(1, 150.0, 100.0, "getStats", "rVFC", Map.of("decoded", 110.0), Map.of(), true));
        int[] rc = new int[1];
        String out = printed(() -> rc[0] = AdmitReport.report(admissions, List.of(260.0, 240.0), List.of(250.0, 230.0), 2));
        assertThat(rc[0]).isZero();
        List<String> lines = out.strip().lines().toList();
        assertThat(lines.get(lines.size() - 1)).as("the goal's line stays the last").startsWith("BENCH admit n=2 ");
        assertThat(out).contains("BENCH admit-decoded n=2 admit_to_decoded_p50_ms=100.0 admit_to_decoded_p95_ms=110.0"
                + " raw_janus_decoded_p50_ms=230.0 ratio=0.43");
    }

    @Test
    void admitBenchWithAMissingRunHasNoResultAndFails() {
        List<AdmitReport.Admission> one = List.of(new AdmitReport.Admission(0, 90.0, 120.0, "rVFC", "rVFC", Map.of(),
                Map.of(), true));
        int[] rc = new int[1];
        String out = printed(() -> rc[0] = AdmitReport.report(one, List.of(260.0, 240.0), 2));
        assertThat(rc[0]).isEqualTo(1);
        assertThat(out).contains("NOT VALID: measured 1 admissions and 2 bare-Janus joins of 2")
                .contains("BENCH admit n=0 admit_to_frame_p50_ms=NaN admit_to_frame_p95_ms=NaN"
                        + " raw_janus_join_p50_ms=NaN ratio=NaN");
    }

    @Test
    void nearestRankP99OfTwoHundredSamplesIsNotTheMaximum() {
        List<Double> samples = new java.util.ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            samples.add((double) i);
        }
        assertThat(Stats.percentile(samples, 99)).isEqualTo(198.0);
        assertThat(Stats.percentile(samples.subList(0, 40), 99)).as("of 40 samples: the maximum").isEqualTo(40.0);
    }
}
