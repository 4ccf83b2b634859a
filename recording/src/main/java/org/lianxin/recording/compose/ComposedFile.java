package org.lianxin.recording.compose;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The review MP4 while it is written: H.264 ({@link ComposeSettings#fps()}, a keyframe every 2 s, the settings'
 * bitrate and x264 preset) and mono 48 kHz AAC, index at the front (faststart). It is written to
 * {@code <out>.part} and renamed to {@code out} by {@link #complete}; {@link #close} without that deletes the partial
 * file.
 */
final class ComposedFile implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ComposedFile.class);

    private final Path out;
    private final Path part;
    private final int width;
    private final int height;
    private FFmpegFrameRecorder recorder;
    private boolean done;

    private ComposedFile(Path out, Path part, int width, int height) {
        this.out = out;
        this.part = part;
        this.width = width;
        this.height = height;
    }

    /** The {@code .part} file beside {@code out}. */
    static Path partOf(Path out) {
        return out.resolveSibling(out.getFileName() + ".part");
    }

    /**
     * Starts the encoders on a new {@code .part} file for pictures of {@code width} x {@code height}.
     * On failure nothing is left behind.
     *
     * @param encoder the H.264 encoder ({@link H264Encoders#pick()})
     * @param threads the encoder's threads (0: its own choice)
     */
    static ComposedFile start(Path out, ComposeSettings settings, String encoder, int width, int height, int threads)
            throws FrameRecorder.Exception {
        ComposedFile file = new ComposedFile(out, partOf(out), width, height);
        int fps = settings.fps();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.part.toFile(), width, height, 1);
        file.recorder = recorder;
        try {
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
            if (threads > 0) {
                recorder.setVideoOption("threads", Integer.toString(threads));
            }
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(TrackReader.SAMPLE_RATE);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(settings.audioBitrate());
            recorder.start();
            return file;
        } catch (FrameRecorder.Exception | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The next picture (YUV 4:2:0, {@code width} x {@code height}). */
    void picture(ByteBuffer yuv420p) throws FrameRecorder.Exception {
        recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, AV_PIX_FMT_YUV420P, yuv420p);
    }

    /** The next mono samples at {@link TrackReader#SAMPLE_RATE}. */
    void samples(float[] mono) throws FrameRecorder.Exception {
        recorder.recordSamples(TrackReader.SAMPLE_RATE, 1, FloatBuffer.wrap(mono));
    }

    /**
     * Flushes the encoders, writes the index and renames the file to {@code out} (replacing it).
     *
     * @return its size in bytes
     */
    long complete() throws FrameRecorder.Exception, IOException {
        recorder.stop();
        recorder.release();
        recorder = null;
        Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        done = true;
        return Files.size(out);
    }

    /** Releases the encoders; unless {@link #complete} succeeded, deletes the partial file. */
    @Override
    public void close() {
        if (recorder != null) {
            try {
                recorder.release();
            } catch (FrameRecorder.Exception e) {
                log.debug("releasing the recorder after a failure: {}", e.toString());
            }
            recorder = null;
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
