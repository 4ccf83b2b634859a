package org.lianxin.bench;

import java.io.IOException;
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
 *
 * <p>Its parts: this class (options, the phases' run and measurement), {@link Recorders} with
 * {@link TrackCaptureRecorders} (ours) and {@link FfmpegCliRecorders} (the CLI), {@link RecordingResult} (one phase's
 * numbers and validity) and {@link RecordingReport} (what is printed, the {@code BENCH} line).
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
            RecordingReport.printSample(sample, o.tracks());
            Map<String, RecordingResult> results = new LinkedHashMap<>();
            for (String phase : o.phases()) {
                Path pdir = Files.createDirectories(dir.resolve(phase));
                Map<Integer, Long> busy = RecordingProc.udpSockets(PORT_MIN, PORT_MAX);
                try (Recorders r = phase.equals("ours") ? new TrackCaptureRecorders(o.tracks(), pdir)
                        : new FfmpegCliRecorders(o.tracks(), pdir)) {
                    results.put(phase, runPhase(phase, r, sample, o, busy));
                } catch (RuntimeException e) {
                    // no number for this phase (NaN in the result line), but the other phase still runs
                    System.out.println("PHASE FAILED: " + phase + ": " + e.getMessage());
                }
                if (!o.keep()) {
                    deleteTree(pdir);
                }
            }
            rc = RecordingReport.report(o, results);
        } finally {
            if (!o.keep()) {
                deleteTree(dir);
            }
        }
        System.exit(rc);
    }

    static RecordingResult runPhase(String name, Recorders r, RtpCapture sample, Options o,
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
        Map<Integer, Recorders.Counts> reported = r.stop();
        Map<Integer, Recorders.Counts> probed = new LinkedHashMap<>();
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
            probed.put(track, RecordingReport.probe(r.files(track)));
        }
        RecordingResult res = new RecordingResult(name, n, windowS, cpuPct,
                RecordingProc.delta(snmp0, snmp1, "InErrors"),
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
        RecordingReport.printOutput(res);
        if (!res.valid()) {
            System.out.printf(Locale.ROOT, "INVALID PHASE %s: %s; no number from it%n", name, res.invalidBecause());
        }
        return res;
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
