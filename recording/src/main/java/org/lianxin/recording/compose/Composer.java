package org.lianxin.recording.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.lianxin.recording.capture.TrackCapture;

/**
 * Composes a recording's tracks into one review file: the participants' videos side by side or in
 * a grid (one tile per label, black while a participant has no video), all audio mixed, H.264 +
 * AAC in MP4 with the index at the front, as long as the recording.
 *
 * <p>Everything runs in this process (FFmpeg through JavaCV): each input's segments are decoded in
 * sequence, pictures are scaled straight into the output picture, audio is mixed on the sample
 * timeline. The output is written to {@code <out>.part} and renamed at the end; on failure or
 * cancellation (thread interrupt) the partial file is deleted. A finished recording is composed on
 * the calling thread ({@link #compose}); a running one as it is made ({@link #startLive}, see
 * {@link LiveComposition}). One instance may compose several recordings at once.
 */
public final class Composer {

    private final ComposeSettings settings;

    public Composer(ComposeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Composes {@code inputs} into {@code out}, on the calling thread.
     *
     * @param inputs          the recording's tracks (at least one)
     * @param total           the recording's length; the output has this length
     * @param out             the MP4 to write (replaced if it exists)
     * @param progressPercent called with 0..100, rising, at most once per percent (may be null)
     * @throws ComposeException      when a segment is missing or unreadable or encoding fails
     * @throws CancellationException when the calling thread is interrupted
     */
    public ComposeResult compose(List<ComposeInput> inputs, Duration total, Path out, IntConsumer progressPercent) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(out, "out");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("nothing to compose: no inputs");
        }
        if (total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("total length must be positive: " + total);
        }
        checkDirectory(out);
        checkSegmentsExist(inputs);
        TrackCapture.loadNatives(); // one thread at a time into FFmpeg's class initialisers
        LiveComposition c = new LiveComposition(settings, out, () -> Long.MAX_VALUE, false);
        for (int i = 0; i < inputs.size(); i++) {
            ComposeInput input = inputs.get(i);
            String trackId = "input-" + (i + 1);
            c.addTrack(trackId, input.label(), input.offset());
            for (Path segment : input.segments()) {
                c.addSegment(trackId, segment, input.offset());
            }
        }
        c.setTotal(total, progressPercent);
        return c.run();
    }

    /**
     * Starts composing a recording while it is made, on a thread of its own: hand it tracks and
     * segments as they appear, then {@link LiveComposition#finish} it with the recording's length.
     *
     * @param out          the MP4 to write (replaced if it exists)
     * @param knownUntilUs recording time (µs) up to which every track has been added: the
     *                     composition does not go past it while the session runs
     * @param name         for the thread's name
     */
    public LiveComposition startLive(Path out, LongSupplier knownUntilUs, String name) {
        Objects.requireNonNull(out, "out");
        checkDirectory(out);
        TrackCapture.loadNatives(); // one thread at a time into FFmpeg's class initialisers
        LiveComposition c = new LiveComposition(settings, out, knownUntilUs, true);
        c.startThread("compose-live-" + name);
        return c;
    }

    private static void checkDirectory(Path out) {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ComposeException("cannot write " + out + ": its directory does not exist");
        }
    }

    private static void checkSegmentsExist(List<ComposeInput> inputs) {
        List<String> problems = new ArrayList<>();
        for (ComposeInput input : inputs) {
            for (Path segment : input.segments()) {
                if (!Files.isRegularFile(segment) || !Files.isReadable(segment)) {
                    problems.add("input '" + input.label() + "': segment " + segment + " is missing or unreadable");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ComposeException("cannot compose: " + String.join("; ", problems));
        }
    }
}
