package org.lianxin.recording.compose;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Reads one input's segments in sequence and hands its frames out on the recording's timeline:
 * {@code offset + (timestamp - first timestamp of the track)}. Segments whose timestamps restart
 * (instead of continuing) are appended after the previous one. Decoded pictures are not copied:
 * a picture that lies beyond the current horizon stays in the decoder's frame, and reading stops,
 * until the output reaches it.
 */
final class TrackReader implements AutoCloseable {

    static final int SAMPLE_RATE = 48_000;
    /** Audio frames starting this close to where the previous one ended are joined without a gap. */
    private static final long JOIN_SAMPLES = SAMPLE_RATE / 50;
    /** A segment starting this far before the end of the previous one restarted its timestamps. */
    private static final long RESTART_US = 1_000_000;

    final ComposeInput input;
    private final long offsetUs;
    private final long endUs;
    private int segment = -1;
    private FFmpegFrameGrabber grabber;
    private boolean hasVideo;
    private boolean hasAudio;
    private long originUs = AV_NOPTS_VALUE;
    private long shiftUs;
    private boolean checkContinuity;
    private long lastTrackUs = Long.MIN_VALUE;
    private AVFrame pendingPicture;
    private long pendingUs;
    private long nextSample = Long.MIN_VALUE;
    private long lastVideoUs = Long.MIN_VALUE;
    private boolean finished;

    TrackReader(ComposeInput input, long endUs) {
        this.input = input;
        this.offsetUs = input.offset().toNanos() / 1_000;
        this.endUs = endUs;
    }

    /** Opens the first segment; afterwards {@link #hasVideo()} and {@link #hasAudio()} are known. */
    void open() {
        openSegment(0);
        hasVideo = grabber.hasVideo();
        hasAudio = grabber.hasAudio();
        long start = grabber.getFormatContext().start_time();
        originUs = start == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : start;
        if (offsetUs >= endUs) {
            finish();
        }
    }

    boolean hasVideo() {
        return hasVideo;
    }

    boolean hasAudio() {
        return hasAudio;
    }

    boolean finished() {
        return finished && pendingPicture == null;
    }

    /** Recording time of the last picture handed out, or {@link Long#MIN_VALUE}. */
    long lastVideoUs() {
        return lastVideoUs;
    }

    /**
     * Hands out every frame before {@code horizonUs}: pictures to {@code tile} (null: none wanted),
     * samples to {@code mixer}. Stops at the first frame at or after the horizon.
     */
    void advance(long horizonUs, Canvas.Tile tile, TileClock clock, AudioMixer mixer) {
        if (pendingPicture != null) {
            if (pendingUs >= horizonUs) {
                return;
            }
            deliverPicture(pendingPicture, pendingUs, tile, clock);
            pendingPicture = null;
        }
        while (!finished) {
            Frame frame = grab();
            if (frame == null) {
                continue; // next segment, or finished
            }
            long ts = frame.timestamp;
            if (originUs == AV_NOPTS_VALUE) {
                originUs = ts;
            }
            long trackUs = ts - originUs + shiftUs;
            if (checkContinuity) {
                checkContinuity = false;
                if (lastTrackUs != Long.MIN_VALUE && trackUs < lastTrackUs - RESTART_US) {
                    shiftUs += lastTrackUs + 20_000 - trackUs;
                    trackUs = lastTrackUs + 20_000;
                }
            }
            lastTrackUs = Math.max(lastTrackUs, trackUs);
            long at = offsetUs + trackUs;
            if (at >= endUs) {
                finish();
                return;
            }
            if (frame.image != null && frame.opaque instanceof AVFrame picture) {
                if (at >= horizonUs) {
                    pendingPicture = picture;
                    pendingUs = at;
                    return;
                }
                deliverPicture(picture, at, tile, clock);
            } else if (frame.samples != null && frame.samples.length > 0) {
                if (!(frame.samples[0] instanceof FloatBuffer samples)) {
                    throw new ComposeException("input '" + input.label() + "': unexpected audio sample type "
                            + frame.samples[0].getClass().getSimpleName());
                }
                long start = Math.max(0, at) * SAMPLE_RATE / 1_000_000;
                if (nextSample != Long.MIN_VALUE && Math.abs(start - nextSample) <= JOIN_SAMPLES) {
                    start = nextSample;
                }
                mixer.add(start, samples);
                nextSample = start + samples.remaining();
                if (at >= horizonUs) {
                    return;
                }
            }
        }
    }

    private void deliverPicture(AVFrame picture, long at, Canvas.Tile tile, TileClock clock) {
        lastVideoUs = at;
        if (tile != null && clock.claim(at)) {
            tile.show(picture);
        }
    }

    /** The next frame of the current segment; null at the end of a segment (then moves on). */
    private Frame grab() {
        try {
            Frame frame = grabber.grabFrame(hasAudio, hasVideo, true, false, false);
            if (frame == null) {
                if (segment + 1 < input.segments().size()) {
                    openSegment(segment + 1);
                } else {
                    finish();
                }
            }
            return frame;
        } catch (FrameGrabber.Exception e) {
            throw new ComposeException("input '" + input.label() + "': cannot decode segment "
                    + input.segments().get(segment) + ": " + e.getMessage(), e);
        }
    }

    private void openSegment(int index) {
        closeGrabber();
        Path file = input.segments().get(index);
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setImageMode(FrameGrabber.ImageMode.RAW);
        g.setSampleFormat(AV_SAMPLE_FMT_FLT);
        g.setSampleRate(SAMPLE_RATE);
        g.setAudioChannels(1);
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            try {
                g.release();
            } catch (FrameGrabber.Exception ignored) {
                // the open failure is the error worth reporting
            }
            throw new ComposeException("input '" + input.label() + "': cannot open segment " + (index + 1) + " of "
                    + input.segments().size() + " (" + file + "): " + e.getMessage(), e);
        }
        grabber = g;
        segment = index;
        checkContinuity = index > 0;
    }

    private void finish() {
        finished = true;
        closeGrabber();
    }

    private void closeGrabber() {
        pendingPicture = null;
        if (grabber != null) {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception ignored) {
                // nothing left to read from it
            }
            grabber = null;
        }
    }

    @Override
    public void close() {
        finish();
    }
}
