package org.lianxin.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TrackCapture × N in a child JVM ({@link RecordingChild}), driven through its stdin/stdout. */
final class TrackCaptureRecorders implements Recorders {
    final ChildJvm child;
    final int[] audio;
    final int[] video;
    final Map<Integer, List<Path>> files = new LinkedHashMap<>();
    final int tracks;

    TrackCaptureRecorders(int tracks, Path dir) throws Exception {
        this.tracks = tracks;
        child = new ChildJvm("recorder", "1g", List.of("PORTS", "READY", "TRACK", "FILE", "BYE", "ERR"),
                RecordingChild.class, List.of(Integer.toString(tracks), dir.toString(),
                        Integer.toString(RecordingBench.PORT_MIN), Integer.toString(RecordingBench.PORT_MAX)));
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
    public Map<Integer, Recorders.Counts> stop() throws Exception {
        child.send("stop");
        Map<Integer, Recorders.Counts> counts = new LinkedHashMap<>();
        while (true) {
            String l = next(180);
            if (l.startsWith("BYE")) {
                break;
            }
            String[] f = l.split(" ", 5);
            int t = Integer.parseInt(f[1]);
            if (l.startsWith("TRACK ")) {
                counts.put(t, new Recorders.Counts(Long.parseLong(f[3]), Long.parseLong(f[4].split(" ")[0]),
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
