package org.lianxin.recording.compose;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.IntConsumer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes a recording's tracks into one review file: the participants' videos side by side or in
 * a grid (one tile per label, black while a participant has no video), all audio mixed, H.264 +
 * AAC in MP4 with the index at the front, as long as the recording.
 *
 * <p>Everything runs in this process on the calling thread (FFmpeg through JavaCV): each input's
 * segments are decoded in sequence, pictures are scaled straight into the output picture, audio
 * is mixed on the sample timeline. The output is written to {@code <out>.part} and renamed at the
 * end; on failure or cancellation (thread interrupt) the partial file is deleted. One instance may
 * compose several recordings at once, each call on its own thread.
 */
public final class Composer {

    private static final Logger log = LoggerFactory.getLogger(Composer.class);
    /** A tile turns black when its participant's last picture is older than this. */
    static final long STALE_US = 2_000_000;
    /** After a track's last segment ends, its last picture stays this long. */
    static final long LINGER_US = 100_000;
    /** Mixed audio is encoded this far behind the video, so late-interleaved samples still count. */
    private static final long AUDIO_LAG_US = 1_000_000;
    private static final int AUDIO_CHUNK = TrackReader.SAMPLE_RATE / 2;

    private final ComposeSettings settings;

    public Composer(ComposeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Composes {@code inputs} into {@code out}.
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
        IntConsumer progress = progressPercent == null ? p -> { } : progressPercent;
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("nothing to compose: no inputs");
        }
        if (total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("total length must be positive: " + total);
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ComposeException("cannot write " + out + ": its directory does not exist");
        }
        checkSegmentsExist(inputs);
        long started = System.nanoTime();
        int fps = settings.fps();
        long totalUs = total.toNanos() / 1_000;
        long frames = Math.max(1, Math.round(totalUs * fps / 1e6));
        long totalSamples = totalUs * TrackReader.SAMPLE_RATE / 1_000_000;
        Path part = out.resolveSibling(out.getFileName() + ".part");

        List<TrackReader> readers = new ArrayList<>();
        Canvas canvas = null;
        FFmpegFrameRecorder recorder = null;
        boolean done = false;
        String encoder = H264Encoders.pick();
        try {
            Files.deleteIfExists(part);
            for (ComposeInput input : inputs) {
                TrackReader reader = new TrackReader(input, totalUs);
                readers.add(reader);
                reader.open();
            }
            Map<String, Integer> tileOf = new LinkedHashMap<>();
            for (TrackReader r : readers) {
                if (r.hasVideo()) {
                    tileOf.putIfAbsent(r.input.label(), tileOf.size());
                }
            }
            List<String> labels = tileOf.isEmpty() ? List.of("") : List.copyOf(tileOf.keySet());
            canvas = new Canvas(labels, settings.tileWidth(), settings.tileHeight());
            Canvas.Tile[] readerTile = new Canvas.Tile[readers.size()];
            TileClock[] clocks = new TileClock[canvas.tileCount()];
            for (int t = 0; t < clocks.length; t++) {
                clocks[t] = new TileClock(fps);
            }
            TileClock[] readerClock = new TileClock[readers.size()];
            List<List<TrackReader>> tileReaders = new ArrayList<>();
            for (int t = 0; t < canvas.tileCount(); t++) {
                tileReaders.add(new ArrayList<>());
            }
            for (int i = 0; i < readers.size(); i++) {
                Integer t = tileOf.get(readers.get(i).input.label());
                if (t != null && readers.get(i).hasVideo()) {
                    readerTile[i] = canvas.tile(t);
                    readerClock[i] = clocks[t];
                    tileReaders.get(t).add(readers.get(i));
                }
            }

            recorder = new FFmpegFrameRecorder(part.toFile(), canvas.width, canvas.height, 1);
            recorder.setFormat("mp4");
            recorder.setOption("movflags", "+faststart");
            recorder.setVideoCodecName(encoder);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(fps * 2);
            recorder.setVideoBitrate(settings.videoBitrate());
            if (encoder.equals("libx264")) {
                recorder.setVideoOption("preset", settings.preset());
            }
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(TrackReader.SAMPLE_RATE);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(settings.audioBitrate());
            recorder.start();

            AudioMixer mixer = new AudioMixer();
            int reported = 0;
            progress.accept(0);
            for (long k = 0; k < frames; k++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("composing " + out + " cancelled at frame " + k + " of " + frames);
                }
                long tickUs = k * 1_000_000 / fps;
                long horizonUs = (2 * k + 1) * 1_000_000 / (2L * fps);
                for (int i = 0; i < readers.size(); i++) {
                    readers.get(i).advance(horizonUs, readerTile[i], readerClock[i], mixer);
                }
                for (int t = 0; t < canvas.tileCount(); t++) {
                    if (!hasCurrentVideo(tileReaders.get(t), tickUs)) {
                        canvas.tile(t).blank();
                    }
                }
                recorder.recordImage(canvas.width, canvas.height, Frame.DEPTH_UBYTE, 1, canvas.width,
                        AV_PIX_FMT_YUV420P, canvas.picture());
                long audioUntil = Math.min(totalSamples, (tickUs - AUDIO_LAG_US) * TrackReader.SAMPLE_RATE / 1_000_000);
                if (audioUntil - mixer.position() >= AUDIO_CHUNK) {
                    recorder.recordSamples(TrackReader.SAMPLE_RATE, 1, FloatBuffer.wrap(mixer.take(audioUntil)));
                }
                int percent = (int) (k * 100 / frames);
                if (percent > reported) {
                    reported = percent;
                    progress.accept(percent);
                }
            }
            for (TrackReader r : readers) { // audio that lies behind the last picture
                r.advance(totalUs, null, null, mixer);
            }
            while (mixer.position() < totalSamples) {
                long until = Math.min(totalSamples, mixer.position() + AUDIO_CHUNK);
                recorder.recordSamples(TrackReader.SAMPLE_RATE, 1, FloatBuffer.wrap(mixer.take(until)));
            }
            recorder.stop();
            recorder.release();
            recorder = null;
            Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Duration length = Duration.ofNanos(frames * 1_000_000_000L / fps);
            long bytes = Files.size(out);
            log.info("composed {} inputs ({} tiles, {}x{}, {}) into {}: {} s, {} bytes in {} ms", inputs.size(),
                    canvas.tileCount(), canvas.width, canvas.height, encoder, out, length.toMillis() / 1000.0,
                    bytes, took.toMillis());
            if (reported < 100) {
                progress.accept(100);
            }
            return new ComposeResult(out, length, bytes, took, encoder);
        } catch (FrameRecorder.Exception e) {
            throw new ComposeException("cannot encode " + out + " with " + encoder + " + AAC: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ComposeException("cannot write " + out + ": " + e, e);
        } finally {
            for (TrackReader r : readers) {
                r.close();
            }
            if (recorder != null) {
                try {
                    recorder.release();
                } catch (FrameRecorder.Exception e) {
                    log.debug("releasing the recorder after a failure: {}", e.toString());
                }
            }
            if (canvas != null) {
                canvas.close();
            }
            if (!done) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    log.warn("cannot delete partial output {}: {}", part, e.toString());
                }
            }
        }
    }

    /** Whether one of the tile's tracks has a picture for time {@code tUs}. */
    private static boolean hasCurrentVideo(List<TrackReader> readers, long tUs) {
        for (TrackReader r : readers) {
            long last = r.lastVideoUs();
            if (last == Long.MIN_VALUE || tUs - last > STALE_US) {
                continue;
            }
            if (!r.finished() || tUs <= last + LINGER_US) {
                return true;
            }
        }
        return false;
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
