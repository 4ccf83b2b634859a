package org.lianxin.recording.compose;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Mixes mono float samples of all tracks on the recording's sample timeline. Samples are added at
 * absolute positions; {@link #take} hands out the mixed, clipped samples up to a position and
 * forgets them. Samples that arrive for an already-taken position are dropped.
 */
final class AudioMixer {

    private float[] buffer = new float[1 << 16];
    private long base; // timeline position of buffer[0]
    private int used;  // samples of buffer that may hold data

    void add(long start, FloatBuffer samples) {
        int from = samples.position();
        int count = samples.remaining();
        if (start < base) {
            int skip = (int) Math.min(count, base - start);
            from += skip;
            count -= skip;
            start = base;
        }
        if (count <= 0) {
            return;
        }
        long endPos = start - base + count;
        if (endPos > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("audio more than " + (endPos / 48_000) + " s ahead of the output");
        }
        int end = (int) endPos;
        if (end > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(end, buffer.length * 2));
        }
        int at = (int) (start - base);
        for (int i = 0; i < count; i++) {
            buffer[at + i] += samples.get(from + i);
        }
        used = Math.max(used, end);
    }

    /** Position of the next sample {@link #take} returns. */
    long position() {
        return base;
    }

    /** Mixed samples from {@link #position()} up to {@code until} (exclusive), clipped to [-1, 1]. */
    float[] take(long until) {
        int n = (int) Math.max(0, until - base);
        float[] out = new float[n];
        int have = Math.min(n, used);
        for (int i = 0; i < have; i++) {
            float v = buffer[i];
            out[i] = v > 1f ? 1f : (v < -1f ? -1f : v);
        }
        if (n >= used) {
            Arrays.fill(buffer, 0, used, 0f);
            used = 0;
        } else {
            System.arraycopy(buffer, n, buffer, 0, used - n);
            Arrays.fill(buffer, used - n, used, 0f);
            used -= n;
        }
        base += n;
        return out;
    }
}
