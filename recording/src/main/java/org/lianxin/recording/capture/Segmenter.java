package org.lianxin.recording.capture;

/**
 * Decides, packet by packet, where segments begin and when to ask for a keyframe. Pure logic on the
 * track's media clock (ms since the track's first packet), no I/O, no allocation: {@link TrackMuxer}
 * feeds it every packet and does what it answers.
 *
 * <p>Rules: segment 0 starts on the first video keyframe (audio before it is held and written first);
 * with no keyframe within {@code videoWait} it starts audio-only. A segment with video ends on the first
 * keyframe at or after {@code start + length - lead} (asking for one from then on, every {@code retry}),
 * or, if none comes, at {@code start + max} on any packet; the segment after such a forced cut drops
 * video until a keyframe. An audio-only segment ends on time ({@code start + length}) or as soon as a
 * video keyframe arrives (video appeared). A keyframe with other dimensions also starts a new segment.
 * Keyframes are also asked for while segment 0 waits and before each cut of an audio-only segment, since
 * FFmpeg's VP8 depacketizer hides video until its first keyframe.
 */
final class Segmenter {

    static final int DROP = 0;
    static final int WRITE = 1;
    /** Hold (audio before segment 0). */
    static final int BUFFER = 2;
    /** Close the open segment (if any), open the next one ({@link #video()}, {@link #width()}, …), write the packet. */
    static final int ROTATE_WRITE = 3;
    /** As {@link #ROTATE_WRITE} but drop the packet (a video inter frame at a forced cut). */
    static final int ROTATE_DROP = 4;

    /** Video stops counting as "flowing" (worth asking a keyframe for) this long after its last packet. */
    private static final long VIDEO_RECENT_MS = 2000;

    private final long lengthMs;
    private final long leadMs;
    private final long retryMs;
    private final long maxMs;
    private final long videoWaitMs;

    private boolean open;
    private boolean video;
    private int width;
    private int height;
    private boolean waitingKeyframe;
    private boolean startsOnKeyframe;
    private long startMs;
    private long nextAskMs = Long.MIN_VALUE;
    private long lastAskMs = Long.MIN_VALUE / 2;
    private long firstAudioMs = -1;
    private long lastVideoMs = Long.MIN_VALUE / 2;
    private boolean ask;

    Segmenter(long lengthMs, long leadMs, long retryMs, long maxMs, long videoWaitMs) {
        this.lengthMs = lengthMs;
        this.leadMs = leadMs;
        this.retryMs = retryMs;
        this.maxMs = maxMs;
        this.videoWaitMs = videoWaitMs;
    }

    /** A video packet at {@code ms}; {@code keyframe} with its dimensions. */
    int onVideo(long ms, boolean keyframe, int w, int h) {
        ask = false;
        lastVideoMs = ms;
        if (!open) {
            if (keyframe) {
                return rotate(ms, true, w, h, true, ROTATE_WRITE);
            }
            askIfRetryPassed(ms);
            return DROP;
        }
        if (keyframe) {
            if (!video || w != width || h != height || ms >= startMs + lengthMs - leadMs) {
                return rotate(ms, true, w, h, true, ROTATE_WRITE);
            }
            waitingKeyframe = false;
            return WRITE;
        }
        if (!video) {
            askIfRetryPassed(ms); // video without a keyframe in an audio-only segment
            return DROP;
        }
        if (ms >= startMs + maxMs) {
            return rotate(ms, true, width, height, false, ROTATE_DROP);
        }
        if (waitingKeyframe) {
            askIfRetryPassed(ms);
            return DROP;
        }
        if (ms >= startMs + lengthMs - leadMs) {
            maybeAsk(ms);
        }
        return WRITE;
    }

    /** An audio packet at {@code ms}. */
    int onAudio(long ms) {
        ask = false;
        if (!open) {
            if (firstAudioMs < 0) {
                firstAudioMs = ms;
            }
            if (ms - firstAudioMs >= videoWaitMs) {
                return rotate(firstAudioMs, false, 0, 0, false, ROTATE_WRITE);
            }
            // FFmpeg's VP8 depacketizer drops inter frames until a keyframe: no video packet may tell us to ask
            maybeAsk(ms);
            return BUFFER;
        }
        boolean videoFlowing = ms - lastVideoMs <= VIDEO_RECENT_MS;
        if (!video) {
            if (ms >= startMs + lengthMs) {
                return rotate(ms, false, 0, 0, false, ROTATE_WRITE);
            }
            // video may have started (camera allowed late) without a keyframe, invisible to us: ask before each cut
            maybeAsk(ms);
            return WRITE;
        }
        if (ms >= startMs + maxMs) {
            return rotate(ms, true, width, height, false, ROTATE_WRITE);
        }
        if (videoFlowing && (waitingKeyframe || ms >= startMs + lengthMs - leadMs)) {
            maybeAsk(ms);
        }
        return WRITE;
    }

    /** Called when the track ends with audio held and no segment open: start one audio-only. */
    void openForFlush() {
        rotate(Math.max(firstAudioMs, 0), false, 0, 0, false, ROTATE_WRITE);
    }

    private int rotate(long ms, boolean withVideo, int w, int h, boolean onKeyframe, int action) {
        open = true;
        video = withVideo;
        width = w;
        height = h;
        startsOnKeyframe = onKeyframe;
        waitingKeyframe = withVideo && !onKeyframe;
        startMs = ms;
        if (waitingKeyframe) {
            nextAskMs = Long.MIN_VALUE;
            maybeAsk(ms);
        } else {
            nextAskMs = ms + lengthMs - leadMs;
        }
        return action;
    }

    /** Asks when the schedule says so (from the lead before a cut, then every retry). */
    private void maybeAsk(long ms) {
        if (ms >= nextAskMs) {
            ask = true;
            nextAskMs = ms + retryMs;
            lastAskMs = ms;
        }
    }

    /** Asks now unless the last request is less than a retry interval ago. */
    private void askIfRetryPassed(long ms) {
        if (ms - lastAskMs >= retryMs) {
            ask = true;
            lastAskMs = ms;
            nextAskMs = Math.max(nextAskMs, ms + retryMs);
        }
    }

    /** Whether the caller should request a keyframe now (after the last {@code on…} call). */
    boolean askKeyframe() {
        return ask;
    }

    boolean isOpen() {
        return open;
    }

    /** Layout of the segment opened by the last rotation: with a video stream? */
    boolean video() {
        return video;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    boolean startsOnKeyframe() {
        return startsOnKeyframe;
    }

    long startMs() {
        return startMs;
    }
}
