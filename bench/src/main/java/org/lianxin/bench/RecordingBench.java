package org.lianxin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.lianxin.recording.testing.RtpCapture;
import org.lianxin.recording.testing.RtpReplayer;
import org.lianxin.recording.testing.TestMedia;

/**
 * {@code ./lianxin bench recording [--tracks N] [--seconds S] [--warmup W] [--probe K] [--keep]}: N tracks (one
 * track = one publisher = an Opus and a VP8 RTP stream on two UDP ports) fed by one synthetic RTP source in this
 * JVM (the recording test-jar's {@link RtpReplayer}: a {@link RtpCapture} of a VP8/Opus sample replayed at
 * real-time pace to every port pair on 127.0.0.1, each track started once its recorder listens, the tracks spread
 * over 1 s — no Janus, so the load is the recorder), recorded in two phases of the same run:
 * <ol>
 *   <li><b>ours</b>: {@code TrackCapture} × N in a child JVM that does nothing else ({@link RecordingChild});</li>
 *   <li><b>ffmpeg CLI</b>: one {@code ffmpeg -protocol_whitelist file,udp,rtp -i track.sdp -map 0 -c copy -f segment
 *   -segment_time 10 -segment_format matroska} process per track (Debian's ffmpeg, copy mode).</li>
 * </ol>
 * Each phase: start the recorders, wait until all their ports are bound, replay; after {@code W} s of warm-up the
 * recorders' process CPU time (utime + stime from /proc/PID/stat: the child JVM, or the sum over the ffmpeg
 * processes) is taken over {@code S} s and divided by wall time and N (percent of one core per track). Loss: the
 * deltas of Udp InErrors / RcvbufErrors in /proc/net/snmp over the phase (replay start → 1.5 s after it stopped),
 * cross-checked with the per-socket drop counters of /proc/net/udp for the bench's ports; and the recorded output
 * (audio packets, video frames) is compared with what was sent — from TrackCapture's segment reports for every
 * track, and with ffprobe {@code -count_packets} on K tracks of each phase.
 *
 * <p>A phase is <b>valid</b> only if the single replayer thread kept real time during the measurement window:
 * at most {@value #MAX_LATE_MS} ms behind its schedule (measured over the window only). An invalid or failed
 * phase gives no number: NaN for it (and the ratio) in the {@code BENCH} line, {@code valid=false}, and exit
 * status 1.
 */
public final class RecordingBench {
    /**
     * Below the ephemeral range (32768-60999), away from the recording module's and the app's default 30000-30999
     * (an app under test may hold some). Checked free before each phase: FFmpeg binds with SO_REUSEADDR, so a port
     * shared with another process would silently split the stream (probing then fails for lack of a whole keyframe).
     */
    static final int PORT_MIN = 23000;
    static final int PORT_MAX = 24999;
    static final int DRAIN_MS = 1500;
    /** A phase whose replayer fell further behind real time than this within the window is invalid. */
    static final long MAX_LATE_MS = 1000;
    /** The sample: VP8 640x360 30 fps ≈600 kbit/s, a keyframe every 2 s; Opus 48 kHz stereo 32 kbit/s; 20 s. */
    static final TestMedia.Spec SAMPLE = new TestMedia.Spec(640, 360, 600, 32);
    static final Duration SAMPLE_LENGTH = Duration.ofSeconds(20);
    static final int SAMPLE_GOP = 60;

    record Options(int tracks, int seconds, int warmup, int probe, boolean keep, List<String> phases) {
        static Options parse(String[] args) {
            int tracks = 200;
            int seconds = 40;
            int warmup = 20;
            int probe = 8;
            boolean keep = false;
            List<String> phases = List.of("ours", "cli");
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--tracks" -> tracks = Integer.parseInt(args[++i]);
                    case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--probe" -> probe = Integer.parseInt(args[++i]);
                    case "--keep" -> keep = true;
                    case "--only" -> phases = List.of(args[++i]);
                    case "--cli-first" -> phases = List.of("cli", "ours");
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--tracks N --seconds S --warmup W --probe K --keep --only ours|cli --cli-first)");
                }
            }
            if (tracks < 1 || tracks > (PORT_MAX - PORT_MIN + 1) / 4) {
                throw new IllegalArgumentException("--tracks must be 1-" + (PORT_MAX - PORT_MIN + 1) / 4);
            }
            if (seconds < 5 || warmup < 5) {
                throw new IllegalArgumentException("--seconds and --warmup must be at least 5");
            }
            return new Options(tracks, seconds, warmup, Math.min(probe, tracks), keep, phases);
        }
    }

    /** What one track's output holds. */
    record Counts(long audio, long video, int segments) {
    }

    /** The recorders of one phase. */
    interface Recorders extends AutoCloseable {
        List<Long> pids();

        int[] audioPorts();

        int[] videoPorts();

        /** Stops recording (the recorders finish their files); output counts of every track known, else empty. */
        Map<Integer, Counts> stop() throws Exception;

        /** The segment files of track i (after {@link #stop}). */
        List<Path> files(int track) throws IOException;

        String describe();

        /** Before the measurement: restarts recorders that gave up during start-up; how many so far. */
        default int heal() throws IOException {
            return 0;
        }

        /** The measurement begins: from now on a recorder that ends is an error ({@link #pids} throws). */
        default void measuring() {
        }

        @Override
        void close();
    }

    /**
     * One phase's measurement. {@code windowLate*}: how late the replayer was within the measurement window (what
     * decides {@link #valid}); {@code lateBeforeWindowMs}: the worst before it (start-up and warm-up; shown only).
     */
    record Result(String name, int tracks, double windowS, double cpuPctTotal, long inErrors, long rcvbufErrors,
                  long noPorts, long socketDrops, long sentAudio, long sentVideo, long sentFrames,
                  RtpReplayer.Lateness windowLateness, double lateBeforeWindowMs, long sendErrors,
                  Map<Integer, Counts> reported, Map<Integer, Counts> probed, long[] audioSent, long[] framesSent) {
        double perTrack() {
            return cpuPctTotal / tracks;
        }

        double windowMaxLateMs() {
            return windowLateness.maxLate().toNanos() / 1e6;
        }

        /** Null when valid, else why not. */
        String invalidBecause() {
            if (windowMaxLateMs() > MAX_LATE_MS) {
                return String.format(Locale.ROOT, "the replayer fell behind real time by up to %.0f ms within the "
                        + "measurement window (limit %d ms; %.1f %% of the window's packets more than %d ms late): "
                        + "the recorders did not get real-time input, the machine is too busy", windowMaxLateMs(),
                        MAX_LATE_MS, 100.0 * windowLateness.lateOver5ms() / Math.max(1, windowLateness.packets()),
                        RtpReplayer.LATE_MILLIS);
            }
            if (sendErrors > 0) {
                return sendErrors + " packets could not be sent";
            }
            return null;
        }

        boolean valid() {
            return invalidBecause() == null;
        }

        long lost() {
            return Math.max(inErrors, rcvbufErrors);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path dir = Files.createTempDirectory("lianxin-bench-recording");
        int rc = 1;
        System.out.printf(Locale.ROOT, "recording bench: %d tracks, warm-up %d s, window %d s, ports %d-%d, "
                        + "nproc %d, load %s, net.core.rmem_max %s, work dir %s%n", o.tracks(), o.warmup(), o.seconds(),
                PORT_MIN, PORT_MAX, Runtime.getRuntime().availableProcessors(), loadavg(),
                read("/proc/sys/net/core/rmem_max"), dir);
        try {
            System.out.println("the sample (VP8 640x360 30 fps ~600 kbit/s, keyframe every 2 s; Opus 48 kHz stereo "
                    + "32 kbit/s; 20 s) as RTP (ffmpeg's RTP muxer, captured once in real time and cached in "
                    + TestMedia.cacheDir() + ")");
            RtpCapture sample = RtpCapture.of(TestMedia.webm(SAMPLE_LENGTH, SAMPLE_GOP, SAMPLE));
            printSample(sample, o.tracks());
            Map<String, Result> results = new LinkedHashMap<>();
            for (String phase : o.phases()) {
                Path pdir = Files.createDirectories(dir.resolve(phase));
                Map<Integer, Long> busy = RecordingProc.udpSockets(PORT_MIN, PORT_MAX);
                try (Recorders r = phase.equals("ours") ? new Ours(o.tracks(), pdir) : new Cli(o.tracks(), pdir)) {
                    results.put(phase, runPhase(phase, r, sample, o, busy));
                } catch (RuntimeException e) {
                    // no number for this phase (NaN in the result line), but the other phase still runs
                    System.out.println("PHASE FAILED: " + phase + ": " + e.getMessage());
                }
                if (!o.keep()) {
                    deleteTree(pdir);
                }
            }
            rc = report(o, results);
        } finally {
            if (!o.keep()) {
                deleteTree(dir);
            }
        }
        System.exit(rc);
    }

    static Result runPhase(String name, Recorders r, RtpCapture sample, Options o,
                           Map<Integer, Long> busyBefore) throws Exception {
        System.out.printf(Locale.ROOT, "%n== phase %s: %s%n", name, r.describe());
        if (!busyBefore.isEmpty()) {
            throw new IllegalStateException(name + ": " + busyBefore.size() + " UDP ports of " + PORT_MIN + "-" + PORT_MAX
                    + " were in use by another process before the recorders started, e.g. " + busyBefore.keySet()
                    .stream().sorted().limit(5).toList() + " (see ss -uapn)");
        }
        Set<Integer> ports = new HashSet<>();
        for (int p : r.audioPorts()) {
            ports.add(p);
        }
        for (int p : r.videoPorts()) {
            ports.add(p);
        }
        Map<String, Long> snmp0 = RecordingProc.udpCounters();
        long drops0 = sum(RecordingProc.udpSockets(PORT_MIN, PORT_MAX));
        List<RtpReplayer.Target> targets = new ArrayList<>();
        for (int i = 0; i < r.audioPorts().length; i++) {
            targets.add(new RtpReplayer.Target("127.0.0.1", r.audioPorts()[i], r.videoPorts()[i]));
        }
        double cpuPct;
        double windowS;
        long drops1;
        RtpReplayer.Lateness windowLateness;
        RtpReplayer.Lateness beforeWindow;
        // each track from the start of the sample (a keyframe), the tracks spread over 1 s (their video bursts apart)
        RtpReplayer replayer = RtpReplayer.start(sample, targets,
                RtpReplayer.Options.looping().onDemand().staggered(Duration.ofSeconds(1)));
        try {
            // each track is fed as soon as its recorder listens on both ports (the ffmpeg CLI gives up after 10 s
            // without packets, and 200 processes take a while to start)
            int n = r.audioPorts().length;
            int startedCount = 0;
            long deadline = System.currentTimeMillis() + 180_000;
            while (startedCount < n) {
                replayer.checkAlive();
                r.heal();
                r.pids();
                Map<Integer, Long> bound = RecordingProc.udpSockets(PORT_MIN, PORT_MAX);
                startedCount = 0;
                for (int i = 0; i < n; i++) {
                    if (bound.containsKey(r.audioPorts()[i]) && bound.containsKey(r.videoPorts()[i])) {
                        replayer.startTarget(i);
                        startedCount++;
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(name + ": only " + startedCount + " of " + n
                            + " recorders listen after 180 s");
                }
                Thread.sleep(100);
            }
            System.out.printf(Locale.ROOT, "%s: %d ports bound by %d process(es), all tracks fed (load %s)%n", name,
                    ports.size(), r.pids().size(), loadavg());
            long warmEnd = System.currentTimeMillis() + o.warmup() * 1000L;
            while (System.currentTimeMillis() < warmEnd) {
                Thread.sleep(500);
                replayer.checkAlive();
                r.heal();
            }
            if (r.heal() > 0) {
                System.out.printf(Locale.ROOT, "%s: %d recorder process(es) gave up during start-up and were "
                        + "restarted (see their first log above)%n", name, r.heal());
            }
            r.measuring();
            beforeWindow = replayer.lateness();
            replayer.resetLateness(); // validity: lateness within the window only
            long c0 = RecordingProc.cpuNanos(r.pids());
            long t0 = System.nanoTime();
            long sent0 = replayer.packetsSent();
            for (int s = 0; s < o.seconds(); s += 10) {
                sleepChecking(replayer, r, Math.min(10, o.seconds() - s) * 1000L);
                long c = RecordingProc.cpuNanos(r.pids());
                System.out.printf(Locale.ROOT, "%s: %3d s of window, recorders at %.1f %% of one core so far, "
                                + "replayer sent %d packets (max %.1f ms late in the window), load %s%n", name,
                        s + Math.min(10, o.seconds() - s), 100.0 * (c - c0) / (System.nanoTime() - t0),
                        replayer.packetsSent() - sent0, replayer.lateness().maxLate().toNanos() / 1e6, loadavg());
            }
            long c1 = RecordingProc.cpuNanos(r.pids());
            long t1 = System.nanoTime();
            windowLateness = replayer.lateness();
            windowS = (t1 - t0) / 1e9;
            cpuPct = 100.0 * (c1 - c0) / (t1 - t0);
            drops1 = sum(RecordingProc.udpSockets(PORT_MIN, PORT_MAX));
        } finally {
            replayer.close();
        }
        replayer.checkAlive();
        Thread.sleep(DRAIN_MS);
        drops1 = Math.max(drops1, sum(RecordingProc.udpSockets(PORT_MIN, PORT_MAX)));
        Map<String, Long> snmp1 = RecordingProc.udpCounters();
        System.out.printf(Locale.ROOT, "%s: stopped the replay; stopping the recorders%n", name);
        Map<Integer, Counts> reported = r.stop();
        Map<Integer, Counts> probed = new LinkedHashMap<>();
        int n = r.audioPorts().length;
        long[] audioSent = new long[n];
        long[] videoSent = new long[n];
        long[] framesSent = new long[n];
        for (int i = 0; i < n; i++) {
            RtpReplayer.Sent sent = replayer.sentTo(i);
            audioSent[i] = sent.audioPackets();
            videoSent[i] = sent.videoPackets();
            framesSent[i] = sent.videoFrames();
        }
        for (int k = 0; k < o.probe(); k++) {
            int track = (int) ((long) k * n / o.probe());
            probed.put(track, probe(r.files(track)));
        }
        Result res = new Result(name, n, windowS, cpuPct, RecordingProc.delta(snmp0, snmp1, "InErrors"),
                RecordingProc.delta(snmp0, snmp1, "RcvbufErrors"), RecordingProc.delta(snmp0, snmp1, "NoPorts"),
                drops1 - drops0, sum(audioSent), sum(videoSent), sum(framesSent), windowLateness,
                beforeWindow.maxLate().toNanos() / 1e6, replayer.sendErrors(), reported, probed, audioSent, framesSent);
        System.out.printf(Locale.ROOT, "%s: %.1f %% of one core for %d tracks over %.1f s = %.3f %% per track; "
                        + "UDP InErrors +%d RcvbufErrors +%d NoPorts +%d, socket drops +%d; sent %d audio + %d video "
                        + "packets (%d frames); replayer in the window: max %.1f ms late, %d of %d packets > %d ms late "
                        + "(before the window: max %.1f ms late)%n", name, cpuPct, n,
                windowS, res.perTrack(), res.inErrors(), res.rcvbufErrors(), res.noPorts(), res.socketDrops(),
                res.sentAudio(), res.sentVideo(), res.sentFrames(), res.windowMaxLateMs(),
                windowLateness.lateOver5ms(), windowLateness.packets(), RtpReplayer.LATE_MILLIS,
                res.lateBeforeWindowMs());
        printOutput(res);
        if (!res.valid()) {
            System.out.printf(Locale.ROOT, "INVALID PHASE %s: %s; no number from it%n", name, res.invalidBecause());
        }
        return res;
    }

    /** Recorded vs sent: audio packets and video frames, per phase, summed over the tracks that were looked at. */
    static void printOutput(Result res) {
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
    static int report(Options o, Map<String, Result> results) {
        System.out.println();
        System.out.println("| phase | tracks | recorder CPU, % of one core | per track % | UDP InErrors | RcvbufErrors "
                + "| socket drops | audio pkts sent | video frames sent |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Result r : results.values()) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.3f | %d | %d | %d | %d | %d |%n", r.name(), r.tracks(),
                    r.cpuPctTotal(), r.perTrack(), r.inErrors(), r.rcvbufErrors(), r.socketDrops(), r.sentAudio(),
                    r.sentFrames());
        }
        Result ours = results.get("ours");
        Result cli = results.get("cli");
        if (ours != null && cli != null && cli.lost() > 0) {
            System.out.println("WARNING: the ffmpeg CLI lost packets too (" + cli.lost() + ")");
        }
        List<String> problems = new ArrayList<>();
        for (String phase : o.phases()) {
            Result r = results.get(phase);
            if (r == null) {
                problems.add(phase + " failed");
            } else if (!r.valid()) {
                problems.add(phase + " invalid: " + r.invalidBecause());
            }
        }
        // an invalid phase counts as not measured
        Result okOurs = ours != null && ours.valid() ? ours : null;
        Result okCli = cli != null && cli.valid() ? cli : null;
        System.out.printf(Locale.ROOT, "load average after the run %s%n", loadavg());
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
    static Counts probe(List<Path> files) throws IOException, InterruptedException {
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
        return new Counts(audio, video, files.size());
    }

    // ------------------------------------------------------------------------------------------ phase: ours

    /** TrackCapture × N in a child JVM ({@link RecordingChild}), driven through its stdin/stdout. */
    static final class Ours implements Recorders {
        final ChildJvm child;
        final int[] audio;
        final int[] video;
        final Map<Integer, List<Path>> files = new LinkedHashMap<>();
        final int tracks;

        Ours(int tracks, Path dir) throws Exception {
            this.tracks = tracks;
            child = new ChildJvm("recorder", "1g", List.of("PORTS", "READY", "TRACK", "FILE", "BYE", "ERR"),
                    RecordingChild.class, List.of(Integer.toString(tracks), dir.toString(), Integer.toString(PORT_MIN),
                            Integer.toString(PORT_MAX)));
            audio = new int[tracks];
            video = new int[tracks];
            while (true) {
                String l = next(180);
                if (l.startsWith("READY")) {
                    break;
                }
                if (!l.startsWith("PORTS ")) {
                    throw new IllegalStateException("recorder: " + l);
                }
                String[] f = l.split(" ");
                int i = Integer.parseInt(f[1]);
                audio[i] = Integer.parseInt(f[2]);
                video[i] = Integer.parseInt(f[3]);
            }
        }

        String next(int seconds) throws InterruptedException {
            String s;
            try {
                s = child.next(seconds);
            } catch (IllegalStateException e) {
                child.kill();
                throw e;
            }
            if (s.startsWith("ERR")) {
                child.kill();
                throw new IllegalStateException("recorder JVM stopped answering (" + s + ")");
            }
            return s;
        }

        @Override
        public List<Long> pids() {
            if (!child.isAlive()) {
                throw new IllegalStateException("recorder JVM died");
            }
            return List.of(child.pid());
        }

        @Override
        public int[] audioPorts() {
            return audio;
        }

        @Override
        public int[] videoPorts() {
            return video;
        }

        @Override
        public Map<Integer, Counts> stop() throws Exception {
            child.send("stop");
            Map<Integer, Counts> counts = new LinkedHashMap<>();
            while (true) {
                String l = next(180);
                if (l.startsWith("BYE")) {
                    break;
                }
                String[] f = l.split(" ", 5);
                int t = Integer.parseInt(f[1]);
                if (l.startsWith("TRACK ")) {
                    counts.put(t, new Counts(Long.parseLong(f[3]), Long.parseLong(f[4].split(" ")[0]),
                            Integer.parseInt(f[2])));
                } else if (l.startsWith("FILE ")) {
                    files.computeIfAbsent(t, k -> new ArrayList<>()).add(Path.of(l.split(" ", 3)[2]));
                }
            }
            child.waitFor(60);
            return counts;
        }

        @Override
        public List<Path> files(int track) {
            return files.getOrDefault(track, List.of());
        }

        @Override
        public String describe() {
            return tracks + " TrackCaptures in one child JVM (pid " + child.pid() + ", -XX:+UseG1GC -Xmx1g)";
        }

        @Override
        public void close() {
            child.close();
        }
    }

    // ------------------------------------------------------------------------------------------ phase: CLI

    /** One {@code ffmpeg … -c copy -f segment -segment_format matroska} process per track. */
    static final class Cli implements Recorders {
        /** Socket receive buffer the SDP demuxer asks for; the same number TrackCapture uses (see RecordingChild). */
        final int bufferSize;
        /** How many processes may be starting (probing their stream) at once. */
        static final int PROBING = 10;
        /** Before {@link #measuring}: a process that ended is restarted by {@link #heal}, not an error. */
        volatile boolean starting = true;
        final List<Process> processes = new ArrayList<>(); // null: not started yet
        final List<List<String>> commands = new ArrayList<>();
        int restarts;
        final int[] audio;
        final int[] video;
        final Path dir;

        Cli(int tracks, Path dir) throws IOException {
            this.dir = dir;
            this.bufferSize = RecordingChild.RECEIVE_BUFFER;
            audio = new int[tracks];
            video = new int[tracks];
            try {
                for (int i = 0; i < tracks; i++) {
                    audio[i] = PORT_MIN + 4 * i;
                    video[i] = PORT_MIN + 4 * i + 2;
                    Path t = Files.createDirectories(dir.resolve(String.format(Locale.ROOT, "t%04d", i)));
                    Files.writeString(t.resolve("track.sdp"), """
                            v=0
                            o=- 0 0 IN IP4 127.0.0.1
                            s=track %d
                            c=IN IP4 127.0.0.1
                            t=0 0
                            m=audio %d RTP/AVP 111
                            a=rtpmap:111 opus/48000/2
                            m=video %d RTP/AVP 96
                            a=rtpmap:96 VP8/90000
                            """.formatted(i, audio[i], video[i]));
                    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-nostats",
                            // default -listen_timeout (10 s): ends by itself 10 s after the last packet, see stop()
                            "-loglevel", "warning", "-protocol_whitelist", "file,udp,rtp"));
                    if (bufferSize > 0) {
                        cmd.addAll(List.of("-buffer_size", Integer.toString(bufferSize)));
                    }
                    // probe up to 10 s of stream (default 5 s): started together, 200 processes may be starved
                    // past the first keyframes, and a VP8 stream's size is only known from a keyframe
                    cmd.addAll(List.of("-analyzeduration", "10000000", "-probesize", "20000000"));
                    cmd.addAll(List.of("-i", "track.sdp", "-map", "0", "-c", "copy", "-f", "segment",
                            "-segment_time", "10", "-segment_format", "matroska", "seg-%05d.mkv"));
                    commands.add(cmd);
                    processes.add(null); // started by heal(), while the replayer runs: see there
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /**
         * Starts the processes not started yet, at most {@value #PROBING} probing their stream at a time (the bench
         * calls this every 100 ms while it feeds each track as soon as its process listens). An ffmpeg reading an
         * SDP gives up when no packet comes for 10 s, or when it could not decode a keyframe meanwhile ("Could not
         * find codec parameters for stream 1 (Video: vp8): unspecified size"; its SDP demuxer has no option for
         * that timeout): starting all 200 before the replay began took longer than that, so the first ones had
         * always given up, and starting them 10 per 100 ms starved the last hundred of CPU while they probed. A
         * process that gave up anyway is started again (it then joins the stream at its next keyframe). Only
         * before the measurement window.
         */
        @Override
        public int heal() throws IOException {
            int probing = 0;
            for (int i = 0; i < processes.size(); i++) {
                Process p = processes.get(i);
                if (p != null && p.isAlive() && !Files.exists(dir.resolve(String.format(Locale.ROOT, "t%04d", i))
                        .resolve("seg-00000.mkv"))) {
                    probing++; // its first segment (written after the header, i.e. after probing) is not there yet
                }
            }
            for (int i = 0; i < processes.size() && probing < PROBING; i++) {
                if (processes.get(i) == null) {
                    Path t = dir.resolve(String.format(Locale.ROOT, "t%04d", i));
                    processes.set(i, new ProcessBuilder(commands.get(i)).directory(t.toFile()).redirectErrorStream(true)
                            .redirectOutput(t.resolve("ffmpeg.log").toFile()).start());
                    probing++;
                }
            }
            for (int i = 0; i < processes.size(); i++) {
                Process p = processes.get(i);
                if (p != null && !p.isAlive()) {
                    Path t = dir.resolve(String.format(Locale.ROOT, "t%04d", i));
                    String log = String.join(" | ", Files.readAllLines(t.resolve("ffmpeg.log")));
                    System.out.println("  ffmpeg of track " + i + " exited (" + p.exitValue() + ") during start-up, "
                            + "restarting it: " + log);
                    Files.move(t.resolve("ffmpeg.log"), t.resolve("ffmpeg-" + restarts + ".log"));
                    processes.set(i, new ProcessBuilder(commands.get(i)).directory(t.toFile()).redirectErrorStream(true)
                            .redirectOutput(t.resolve("ffmpeg.log").toFile()).start());
                    restarts++;
                }
            }
            return restarts;
        }

        @Override
        public List<Long> pids() {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) {
                Process p = processes.get(i);
                if (p == null || (starting && !p.isAlive())) {
                    continue;
                }
                if (!p.isAlive()) {
                    String log;
                    try {
                        log = String.join(" | ", Files.readAllLines(dir.resolve(String.format(Locale.ROOT, "t%04d", i))
                                .resolve("ffmpeg.log")));
                    } catch (IOException e) {
                        log = e.toString();
                    }
                    throw new IllegalStateException("the ffmpeg process of track " + i + " ended early, exit "
                            + p.exitValue() + ": " + log);
                }
                pids.add(p.pid());
            }
            return pids;
        }

        @Override
        public void measuring() {
            starting = false;
        }

        @Override
        public int[] audioPorts() {
            return audio;
        }

        @Override
        public int[] videoPorts() {
            return video;
        }

        @Override
        public Map<Integer, Counts> stop() throws Exception {
            // One SIGTERM: ffmpeg's main loop stops at its next packet, but blocked waiting for UDP it is only
            // interrupted by a second signal (then "Immediate exit requested": the last segment gets no trailer).
            // With the replay over, the SDP demuxer's 10 s -listen_timeout ends the read, and ffmpeg finishes the
            // open segment cleanly.
            for (Process p : processes) {
                if (p != null) {
                    p.destroy();
                }
            }
            int bad = 0;
            for (Process p : processes) {
                if (p == null) {
                    bad++;
                } else if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    bad++;
                } else if (p.exitValue() != 0 && p.exitValue() != 255) {
                    bad++;
                }
            }
            if (bad > 0) {
                System.out.println("  " + bad + " ffmpeg processes ended badly; see " + dir + "/t*/ffmpeg.log");
            }
            long warnings = 0;
            for (int i = 0; i < audio.length; i++) {
                Path log = dir.resolve(String.format(Locale.ROOT, "t%04d", i)).resolve("ffmpeg.log");
                if (Files.exists(log)) {
                    List<String> l = Files.readAllLines(log);
                    warnings += l.size();
                    if (i == 0 && !l.isEmpty()) {
                        System.out.println("  ffmpeg log of track 0 (first lines): "
                                + String.join(" | ", l.subList(0, Math.min(5, l.size()))));
                    }
                }
            }
            System.out.println("  ffmpeg processes logged " + warnings + " warning lines in all");
            return Map.of();
        }

        @Override
        public List<Path> files(int track) throws IOException {
            try (Stream<Path> s = Files.list(dir.resolve(String.format(Locale.ROOT, "t%04d", track)))) {
                return s.filter(p -> p.getFileName().toString().endsWith(".mkv")).sorted().toList();
            }
        }

        @Override
        public String describe() {
            return commands.size() + " ffmpeg processes (" + ffmpegVersion() + "), -c copy -f segment -segment_time 10 "
                    + "-segment_format matroska" + (bufferSize > 0 ? ", -buffer_size " + bufferSize : "");
        }

        @Override
        public void close() {
            for (Process p : processes) {
                if (p != null) {
                    p.destroyForcibly();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    static void sleepChecking(RtpReplayer replayer, Recorders r, long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, end - System.currentTimeMillis())));
            replayer.checkAlive();
            r.pids();
        }
    }

    static long sum(Map<Integer, Long> m) {
        long s = 0;
        for (long v : m.values()) {
            s += v;
        }
        return s;
    }

    static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    static String loadavg() {
        String s = read("/proc/loadavg");
        String[] f = s.split(" ");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : s;
    }

    static String read(String file) {
        try {
            return String.join(" ", Files.readAllLines(Path.of(file))).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static String ffmpegVersion() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")[0];
            p.waitFor();
            return first.replace("ffmpeg version ", "ffmpeg ").replaceAll(" Copyright.*", "");
        } catch (Exception e) {
            return "ffmpeg ?";
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.out.println("could not delete " + dir + ": " + e);
        }
    }
}
