package org.lianxin.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lianxin.recording.capture.CaptureSettings;
import org.lianxin.recording.capture.ClosedSegment;
import org.lianxin.recording.capture.TrackCapture;
import org.lianxin.recording.capture.TrackSpec;

/**
 * The recorder JVM of {@code ./lianxin bench recording}: opens N {@link TrackCapture}s (ports from the bench's
 * range), prints {@code PORTS i audio video} for each and {@code READY}, records until {@code stop} on stdin, then
 * closes them all and prints {@code TRACK i segments audioPackets videoPackets stats…} and {@code FILE i path} from
 * the segments it was handed, and {@code BYE}. Nothing else runs in this JVM, so its CPU time is the recorder's.
 */
public final class RecordingChild {
    /**
     * The UDP receive buffer both sides ask for: TrackCapture opens its input with FFmpeg's {@code buffer_size}
     * 1048576, so the ffmpeg CLI gets {@code -buffer_size 1048576} (net.core.rmem_max must allow it).
     */
    static final int RECEIVE_BUFFER = 1_048_576;

    private RecordingChild() {
    }

    record Track(int index, TrackCapture capture, AtomicLong audio, AtomicLong video,
                 ConcurrentLinkedQueue<ClosedSegment> segments) {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path spool = Path.of(args[1]);
        CaptureSettings settings = CaptureSettings.defaults()
                .withPorts(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        AtomicLong keyframeRequests = new AtomicLong();
        List<Track> tracks = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String id = String.format(Locale.ROOT, "t%04d", i);
                AtomicLong audio = new AtomicLong();
                AtomicLong video = new AtomicLong();
                ConcurrentLinkedQueue<ClosedSegment> segments = new ConcurrentLinkedQueue<>();
                TrackCapture c = TrackCapture.open(TrackSpec.of(id, Files.createDirectories(spool.resolve(id)),
                        "127.0.0.1"), settings, keyframeRequests::incrementAndGet, s -> {
                    // the sink owns the file: the bench keeps it for ffprobe and deletes the folder at the end
                    audio.addAndGet(s.audioPackets());
                    video.addAndGet(s.videoPackets());
                    segments.add(s);
                });
                tracks.add(new Track(i, c, audio, video, segments));
                System.out.println("PORTS " + i + " " + c.audioPort() + " " + c.videoPort());
            }
        } catch (Exception e) {
            System.out.println("ERR open failed after " + tracks.size() + " tracks: " + e);
            e.printStackTrace(System.out);
            System.exit(1);
        }
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.trim().equals("stop")) {
                break;
            }
        }
        // close() finishes the open segment (fsync, hash) and waits for the capture thread: in parallel
        ExecutorService closer = Executors.newFixedThreadPool(16);
        for (Track t : tracks) {
            closer.submit(() -> {
                try {
                    t.capture().close();
                } catch (Exception e) {
                    System.out.println("close of track " + t.index() + " failed: " + e);
                }
            });
        }
        closer.shutdown();
        closer.awaitTermination(2, TimeUnit.MINUTES);
        for (Track t : tracks) {
            System.out.println("TRACK " + t.index() + " " + t.segments().size() + " " + t.audio().get() + " "
                    + t.video().get() + " " + String.valueOf(t.capture().stats()).replace('\n', ' '));
            for (ClosedSegment s : t.segments()) {
                System.out.println("FILE " + t.index() + " " + s.file());
            }
        }
        System.out.println("keyframe requests: " + keyframeRequests.get());
        System.out.println("BYE");
        System.out.flush();
        System.exit(0);
    }
}
