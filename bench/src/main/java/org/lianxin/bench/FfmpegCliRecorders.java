package org.lianxin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One {@code ffmpeg … -c copy -f segment -segment_format matroska} process per track. */
final class FfmpegCliRecorders implements Recorders {
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

    FfmpegCliRecorders(int tracks, Path dir) throws IOException {
        this.dir = dir;
        this.bufferSize = RecordingChild.RECEIVE_BUFFER;
        audio = new int[tracks];
        video = new int[tracks];
        try {
            for (int i = 0; i < tracks; i++) {
                audio[i] = RecordingBench.PORT_MIN + 4 * i;
                video[i] = RecordingBench.PORT_MIN + 4 * i + 2;
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
    public Map<Integer, Recorders.Counts> stop() throws Exception {
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

    /** The first line of {@code ffmpeg -version}, shortened. */
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
}
