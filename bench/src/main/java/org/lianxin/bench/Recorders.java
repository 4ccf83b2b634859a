package org.lianxin.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The recorders of one phase of {@link RecordingBench}: ours ({@link TrackCaptureRecorders}) or the ffmpeg CLI's
 * ({@link FfmpegCliRecorders}).
 */
interface Recorders extends AutoCloseable {
    /** What one track's output holds. */
    record Counts(long audio, long video, int segments) {
    }

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
