package org.lianxin.recording.capture;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Audio held back so that each audio packet lands in the segment its time belongs to. A video frame, a keyframe above
 * all (large, paced out over 100 ms or more), arrives well after the audio of the same instant: audio written on
 * arrival would end up in the segment before the keyframe that cuts. So, while the open segment has video, audio is
 * written once the video has passed its time, or at the latest {@link #AUDIO_HOLD_MS} after it (video stopped); audio
 * before the first segment (which waits for a keyframe) is held until that segment opens. Arrival order is kept.
 *
 * <p>Pure and generic in the packet type: whoever gives a packet here hands it over; {@link Out#write} hands it
 * back (to be written and freed), {@link #release} returns what was never written.
 *
 * @param <P> a packet (FFmpeg's {@code AVPacket} in the capture, anything in tests)
 */
final class AudioHold<P> {

    /** Audio of a segment with video is written at the latest this long after its time (ms), even without video. */
    static final long AUDIO_HOLD_MS = 500;

    /** Takes back a held packet, to write to the open segment (if any) and free. */
    @FunctionalInterface
    interface Out<P> {
        void write(P packet, long ms);
    }

    private record Timed<P>(P packet, long ms) {
    }

    /** Audio before the first segment, arrival order. */
    private final ArrayDeque<Timed<P>> beforeFirst = new ArrayDeque<>();
    /** Audio of the open segment (with video) waiting for the video to pass its time; arrival order. */
    private final ArrayDeque<Timed<P>> pending = new ArrayDeque<>();

    /** Audio that arrived before there is a first segment (no keyframe yet): kept until {@link #segmentOpened}. */
    void holdForFirstSegment(P packet, long ms) {
        beforeFirst.add(new Timed<>(packet, ms));
    }

    /** Whether audio waits for the first segment. */
    boolean holdsAudioBeforeFirstSegment() {
        return !beforeFirst.isEmpty();
    }

    /**
     * Where a segment cut at {@code startMs} begins: there, or earlier when audio held for the first segment began
     * earlier (that audio is then at the start of the file, not cut off).
     */
    long segmentBase(long startMs) {
        return beforeFirst.isEmpty() ? startMs : Math.min(beforeFirst.peek().ms(), startMs);
    }

    /**
     * A segment opened at {@code startMs}: audio held for it is written now, except, when it has video, the audio
     * from {@code startMs} on, which waits for the video like any other.
     */
    void segmentOpened(boolean video, long startMs, Out<P> out) {
        while (!beforeFirst.isEmpty()) {
            Timed<P> t = beforeFirst.poll();
            if (video && t.ms() >= startMs) {
                pending.add(t); // after the keyframe: written in time order once the video passed it
            } else {
                out.write(t.packet(), t.ms());
            }
        }
    }

    /**
     * An audio packet of the open segment, which has video: held until the video passes its time; audio older than
     * {@link #AUDIO_HOLD_MS} before it is written now.
     */
    void queue(P packet, long ms, Out<P> out) {
        pending.add(new Timed<>(packet, ms));
        writeBefore(ms - AUDIO_HOLD_MS, false, out);
    }

    /** Video was written up to {@code ms}: the audio up to and including that time goes before it. */
    void videoReached(long ms, Out<P> out) {
        writeBefore(ms, true, out);
    }

    /** The open segment ends at {@code ms}: the audio before that time belongs to it. */
    void cutAt(long ms, Out<P> out) {
        writeBefore(ms, false, out);
    }

    /** Everything waiting goes out (the segment has no video, or the track ends). */
    void writeAll(Out<P> out) {
        writeBefore(Long.MAX_VALUE, true, out);
    }

    /** Hands back every packet never written (the capture stops). */
    void release(Consumer<P> free) {
        while (!beforeFirst.isEmpty()) {
            free.accept(beforeFirst.poll().packet());
        }
        while (!pending.isEmpty()) {
            free.accept(pending.poll().packet());
        }
    }

    /** Writes the waiting audio, in arrival order, while it is before {@code limit} (or at it, if {@code inclusive}). */
    private void writeBefore(long limit, boolean inclusive, Out<P> out) {
        while (!pending.isEmpty() && (pending.peek().ms() < limit || inclusive && pending.peek().ms() == limit)) {
            Timed<P> t = pending.poll();
            out.write(t.packet(), t.ms());
        }
    }
}
