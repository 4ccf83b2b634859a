package org.lianxin.evaluation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The third-party evaluation draw (第三方评议抽取): pure, deterministic, specified so that another implementation can
 * re-run it from the stored seed and inputs and get the same result.
 *
 * <h2>Algorithm lianxin-draw-v1</h2>
 * <ol>
 * <li><b>Random stream.</b> For a label {@code L} the stream's k-th value (k = 0, 1, 2, …) is the first 8 bytes,
 * read as a big-endian integer with its top bit cleared (0 ≤ x &lt; 2<sup>63</sup>), of
 * SHA-256(UTF-8 of {@code seedHex + "|" + L + "|" + k}), where {@code seedHex} is the seed in lower-case hex and
 * k is written in decimal.</li>
 * <li><b>Uniform index below n.</b> Take the stream's next value x; with r = 2<sup>63</sup> mod n, reject x when
 * x ≥ 2<sup>63</sup> − r and take the next one; otherwise the index is x mod n (no modulo bias).</li>
 * <li><b>Partial Fisher–Yates.</b> To choose k of the sorted ids a[0..n−1]: for i = 0 … k−1, j = i + index below
 * (n − i), swap a[i] and a[j]; the chosen are a[0..k−1] in that order.</li>
 * <li><b>Sample.</b> n matters, k = min(n, max(3, ⌈n / 10⌉)) (10 %, rounded up, at least 3, all if fewer), chosen
 * from the sorted matter ids with label {@code "sample"}.</li>
 * <li><b>Panels.</b> For each sampled matter m, in drawn order, 3 evaluators are chosen from the sorted eligible
 * evaluator ids (always the full list) with label {@code "panel:" + m}.</li>
 * </ol>
 * Who is eligible is decided before the draw ({@link Eligibility}); a draw needs at least {@value #PANEL_SIZE}
 * eligible evaluators and at least one matter.
 */
public final class Draw {
    public static final String ALGORITHM = "lianxin-draw-v1";
    public static final int PANEL_SIZE = 3;
    public static final int MIN_SAMPLE = 3;
    public static final int SEED_BYTES = 32;

    private Draw() {
    }

    /** Matters drawn of n completed: 10 %, rounded up, at least 3, all if fewer. */
    public static int sampleSize(int n) {
        return Math.min(n, Math.max(MIN_SAMPLE, (n + 9) / 10));
    }

    /**
     * Runs the draw.
     *
     * @throws EvaluationException.Refused {@code too-few-evaluators} with fewer than 3 eligible evaluators,
     *         {@code nothing-to-draw} without completed matters
     */
    public static DrawResult run(DrawInputs inputs, byte[] seed) {
        long[] evaluators = inputs.evaluatorIds();
        long[] matters = inputs.matterIds();
        if (matters.length == 0) {
            throw new EvaluationException.Refused("nothing-to-draw",
                    "no completed matters of office " + inputs.officeId() + " in " + inputs.month());
        }
        if (evaluators.length < PANEL_SIZE) {
            throw new EvaluationException.Refused("too-few-evaluators", "only " + evaluators.length
                    + " eligible evaluators for office " + inputs.officeId() + "; a panel needs " + PANEL_SIZE);
        }
        String seedHex = HexFormat.of().formatHex(seed);
        List<DrawResult.Panel> panels = new ArrayList<>();
        for (long m : choose(matters, sampleSize(matters.length), new Stream(seedHex, "sample"))) {
            panels.add(new DrawResult.Panel(m, choose(evaluators, PANEL_SIZE, new Stream(seedHex, "panel:" + m))));
        }
        return new DrawResult(panels);
    }

    static List<Long> choose(long[] sorted, int k, Stream stream) {
        long[] a = sorted.clone();
        List<Long> chosen = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int j = i + stream.below(a.length - i);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
            chosen.add(a[i]);
        }
        return chosen;
    }

    /** The SHA-256 counter stream of one label. */
    static final class Stream {
        private final String prefix;
        private long counter;

        Stream(String seedHex, String label) {
            this.prefix = seedHex + "|" + label + "|";
        }

        long next() {
            byte[] digest = DrawInputs.sha256((prefix + counter++).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong() & Long.MAX_VALUE;
        }

        int below(int n) {
            if (n <= 0) throw new IllegalArgumentException("n must be positive");
            long r = (Long.MAX_VALUE % n + 1) % n; // 2^63 mod n
            while (true) {
                long x = next();
                if (x <= Long.MAX_VALUE - r) return (int) (x % n);
            }
        }
    }
}
