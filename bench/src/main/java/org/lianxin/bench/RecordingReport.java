package org.lianxin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lianxin.recording.testing.RtpCapture;

/**
 * What {@link RecordingBench} prints of its phases: the sample, each phase's output against what was sent (with
 * ffprobe's counts), the table and the {@code BENCH} line with the exit status.
 */
final class RecordingReport {
    private RecordingReport() {
    }

    /** Recorded vs sent: audio packets and video frames, per phase, summed over the tracks that were looked at. */
    static void printOutput(RecordingResult res) {
        if (!res.reported().isEmpty()) {
            long a = 0;
            long v = 0;
            long segs = 0;
            long worstMissA = 0;
            long worstMissV = 0;
            for (var e : res.reported().entrySet()) {
                a += e.getValue().audio();
                v += e.getValue().video();
                segs += e.getValue().segments();
                worstMissA = Math.max(worstMissA, res.audioSent()[e.getKey()] - e.getValue().audio());
                worstMissV = Math.max(worstMissV, res.framesSent()[e.getKey()] - e.getValue().video());
            }
            System.out.printf(Locale.ROOT, "%s output (segment reports, all %d tracks): %d segments, audio %d of %d "
                            + "sent (%.3f %%), video frames %d of %d sent (%.3f %%); worst track misses %d audio, %d frames%n",
                    res.name(), res.reported().size(), segs, a, res.sentAudio(), 100.0 * a / res.sentAudio(), v,
                    res.sentFrames(), 100.0 * v / res.sentFrames(), worstMissA, worstMissV);
        }
        long a = 0;
        long as = 0;
        long v = 0;
        long vs = 0;
        long segs = 0;
        StringBuilder per = new StringBuilder();
        for (var e : res.probed().entrySet()) {
            int t = e.getKey();
            a += e.getValue().audio();
            v += e.getValue().video();
            segs += e.getValue().segments();
            as += res.audioSent()[t];
            vs += res.framesSent()[t];
            per.append(String.format(Locale.ROOT, " t%d:%d/%d,%d/%d", t, e.getValue().audio(), res.audioSent()[t],
                    e.getValue().video(), res.framesSent()[t]));
        }
        System.out.printf(Locale.ROOT, "%s output (ffprobe -count_packets, %d tracks, %d segments): audio %d of %d "
                        + "sent (%.3f %%), video frames %d of %d sent (%.3f %%); per track audio,frames rec/sent:%s%n",
                res.name(), res.probed().size(), segs, a, as, 100.0 * a / Math.max(1, as), v, vs,
                100.0 * v / Math.max(1, vs), per);
    }

    /** Prints the BENCH line; exit status: 0 when every phase ran and is valid, else 1. */
    static int report(RecordingBench.Options o, Map<String, RecordingResult> results) {
        System.out.println();
        System.out.println("| phase | tracks | recorder CPU, % of one core | per track % | UDP InErrors | RcvbufErrors "
                + "| socket drops | audio pkts sent | video frames sent |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (RecordingResult r : results.values()) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.3f | %d | %d | %d | %d | %d |%n", r.name(), r.tracks(),
                    r.cpuPctTotal(), r.perTrack(), r.inErrors(), r.rcvbufErrors(), r.socketDrops(), r.sentAudio(),
                    r.sentFrames());
        }
        RecordingResult ours = results.get("ours");
        RecordingResult cli = results.get("cli");
        if (ours != null && cli != null && cli.lost() > 0) {
            System.out.println("WARNING: the ffmpeg CLI lost packets too (" + cli.lost() + ")");
        }
        List<String> problems = new ArrayList<>();
        for (String phase : o.phases()) {
            RecordingResult r = results.get(phase);
            if (r == null) {
                problems.add(phase + " failed");
            } else if (!r.valid()) {
                problems.add(phase + " invalid: " + r.invalidBecause());
            }
        }
        // an invalid phase counts as not measured
        RecordingResult okOurs = ours != null && ours.valid() ? ours : null;
        RecordingResult okCli = cli != null && cli.valid() ? cli : null;
        System.out.printf(Locale.ROOT, "load average after the run %s%n", RecordingBench.loadavg());
        for (String p : problems) {
            System.out.println("NOT VALID: " + p);
        }
        System.out.printf(Locale.ROOT, "BENCH recording tracks=%d cpu_per_track_pct=%s ffmpeg_cli_cpu_per_track_pct=%s "
                        + "ratio=%s lost_packets=%s valid=%s%n", o.tracks(),
                okOurs == null ? "NaN" : String.format(Locale.ROOT, "%.3f", okOurs.perTrack()),
                okCli == null ? "NaN" : String.format(Locale.ROOT, "%.3f", okCli.perTrack()),
                okOurs == null || okCli == null ? "NaN"
                        : String.format(Locale.ROOT, "%.2f", okOurs.perTrack() / okCli.perTrack()),
                okOurs == null ? "NaN" : Long.toString(okOurs.lost()), problems.isEmpty());
        return problems.isEmpty() ? 0 : 1;
    }

    /** The sample's RTP: packets, frames, loop length, rates per track and for all tracks. */
    static void printSample(RtpCapture sample, int tracks) {
        long audio = sample.count(false);
        long video = sample.count(true);
        long frames = sample.packets().stream().filter(p -> p.video() && (p.rtp()[1] & 0x80) != 0).count();
        long bytes = sample.packets().stream().mapToLong(p -> p.rtp().length).sum();
        double seconds = sample.duration().toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "sample: %d audio + %d video RTP packets (%d frames) per %.2f s loop; "
                        + "%.0f packets/s and %.0f kbit/s per track, %.0f packets/s for %d tracks%n", audio, video,
                frames, seconds, (audio + video) / seconds, bytes * 8 / seconds / 1000,
                (audio + video) / seconds * tracks, tracks);
    }

    /** ffprobe -count_packets over the files of one track. */
    static Recorders.Counts probe(List<Path> files) throws IOException, InterruptedException {
        long audio = 0;
        long video = 0;
        for (Path f : files) {
            Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_packets", "-show_entries",
                    "stream=codec_type,nb_read_packets", "-of", "csv=p=0", f.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                String[] kv = line.trim().split(",");
                if (kv.length == 2 && kv[1].matches("\\d+")) {
                    if (kv[0].equals("audio")) {
                        audio += Long.parseLong(kv[1]);
                    } else if (kv[0].equals("video")) {
                        video += Long.parseLong(kv[1]);
                    }
                } else if (!line.isBlank()) {
                    System.out.println("  ffprobe " + f.getFileName() + ": " + line.trim());
                }
            }
        }
        return new Recorders.Counts(audio, video, files.size());
    }
}
