package org.lianxin.recording.compose;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Reads one track's segments in sequence and hands its frames out on the recording's timeline:
 * {@code offset + (timestamp - first timestamp of the track)}. Segments whose timestamps restart
 * (instead of continuing) are appended after the previous one. Decoded pictures are not copied:
 * a picture that lies beyond the current horizon stays in the decoder's frame, and reading stops,
 * until the output reaches it. While a session runs, the next segment may not be there yet: the
 * reader then waits for it (or for the track's end).
 */
final class TrackReader implements AutoCloseable {

    static final int SAMPLE_RATE = 48_000;
    /** Audio frames starting this close to where the previous one ended are joined without a gap. */
    private static final long JOIN_SAMPLES = SAMPLE_RATE / 50;
    /** A segment starting this far before the end of the previous one restarted its timestamps. */
    private static final long RESTART_US = 1_000_000;

    final Feed feed;
    private long offsetUs;
    private final LongSupplier endUs;
    private final int threads;
    private boolean opened;
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

    /**
     * @param endUs   the recording's length (µs) as far as known ({@link Long#MAX_VALUE} while it runs)
     * @param threads the video decoder's threads (0: FFmpeg's choice)
     */
    TrackReader(Feed feed, LongSupplier endUs, int threads) {
        this.feed = feed;
        this.endUs = endUs;
        this.threads = threads;
    }

    /** Opens the first segment if it is there; afterwards {@link #hasVideo()} and {@link #hasAudio()} are known. */
    boolean openIfAvailable() {
        if (!opened && !finished && feed.peek(0) != null) {
            open();
        }
        return opened;
    }

    /**
     * Opens the first segment once the output reaches {@code horizonUs} past the track's earliest
     * start, waiting for the segment if need be.
     *
     * @return whether the reader is open (false: not due yet, or the track ended without media)
     */
    boolean openIfDue(long horizonUs) {
        if (opened || finished) {
            return opened;
        }
        if (horizonUs <= feed.notBeforeUs()) {
            return false;
        }
        open();
        return opened;
    }

    boolean opened() {
        return opened;
    }

    private void open() {
        Path first = feed.await(0);
        if (first == null) {
            finished = true;
            return;
        }
        offsetUs = feed.offsetUs();
        openSegment(0, first);
        opened = true;
        hasVideo = grabber.hasVideo();
        hasAudio = grabber.hasAudio();
        long start = grabber.getFormatContext().start_time();
        originUs = start == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : start;
        if (offsetUs >= endUs.getAsLong()) {
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
        if (!opened) {
            return;
        }
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
            if (at >= endUs.getAsLong()) {
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
                    throw new ComposeException("input '" + feed.label + "': unexpected audio sample type "
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
                Path next = feed.await(segment + 1);
                if (next != null) {
                    openSegment(segment + 1, next);
                } else {
                    finish();
                }
            }
            return frame;
        } catch (FrameGrabber.Exception e) {
            throw new ComposeException("input '" + feed.label + "': cannot decode segment "
                    + feed.peek(segment) + ": " + e.getMessage(), e);
        }
    }

    private void openSegment(int index, Path file) {
        closeGrabber();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setImageMode(FrameGrabber.ImageMode.RAW);
        g.setSampleFormat(AV_SAMPLE_FMT_FLT);
        g.setSampleRate(SAMPLE_RATE);
        g.setAudioChannels(1);
        if (threads > 0) {
            g.setVideoOption("threads", Integer.toString(threads));
        }
        try {
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            try {
                g.release();
            } catch (FrameGrabber.Exception ignored) {
                // the open failure is the error worth reporting
            }
            throw new ComposeException("input '" + feed.label + "': cannot open segment " + (index + 1) + " of "
                    + feed.size() + (feed.ended() ? "" : "+") + " (" + file + "): " + e.getMessage(), e);
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
