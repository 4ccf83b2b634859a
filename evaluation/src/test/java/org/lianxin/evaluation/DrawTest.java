package org.lianxin.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DrawTest {
    static final YearMonth NOV = YearMonth.of(2026, 11);

    static long[] ids(long from, int n) {
        return LongStream.range(from, from + n).toArray();
    }

    static byte[] seed(int b) {
        byte[] s = new byte[Draw.SEED_BYTES];
        s[0] = (byte) b;
        s[31] = (byte) (b * 7);
        return s;
    }

    @ParameterizedTest(name = "{0} completed -> {1} drawn")
    @CsvSource({"1,1", "2,2", "3,3", "4,3", "29,3", "30,3", "31,4", "40,4", "41,5", "100,10", "101,11", "1000,100"})
    void sampleIsTenPercentRoundedUpAtLeastThreeAllIfFewer(int completed, int drawn) {
        assertThat(Draw.sampleSize(completed)).isEqualTo(drawn);
        DrawResult r = Draw.run(new DrawInputs(NOV, 12, ids(1000, completed), ids(1, 5)), seed(1));
        assertThat(r.sample()).hasSize(drawn).doesNotHaveDuplicates()
                .allSatisfy(m -> assertThat(m).isBetween(1000L, 1000L + completed - 1));
        assertThat(r.panels()).allSatisfy(p -> assertThat(p.evaluatorIds()).hasSize(3).doesNotHaveDuplicates()
                .allSatisfy(e -> assertThat(e).isBetween(1L, 5L)));
    }

    @Test
    void sameSeedAndInputsGiveTheSameResult() {
        DrawInputs in = new DrawInputs(NOV, 12, ids(1, 57), ids(100, 9));
        assertThat(Draw.run(in, seed(3))).isEqualTo(Draw.run(new DrawInputs(NOV, 12, ids(1, 57), ids(100, 9)),
                seed(3).clone()));
    }

    @Test
    void differentSeedsGiveDifferentResults() {
        DrawInputs in = new DrawInputs(NOV, 12, ids(1, 200), ids(100, 30));
        var seen = new HashSet<String>();
        for (int s = 0; s < 20; s++) seen.add(Draw.run(in, seed(s)).canonical());
        assertThat(seen).hasSize(20);
    }

    @Test
    void matchesAnIndependentReadingOfTheSpecification() {
        for (int s = 0; s < 30; s++) {
            long[] matters = ids(500, 13 + 7 * s);
            long[] evaluators = ids(20, 3 + s % 6);
            DrawInputs in = new DrawInputs(NOV, 12, matters, evaluators);
            assertThat(Draw.run(in, seed(s)).canonical()).as("seed " + s).isEqualTo(reference(in, seed(s)));
        }
    }

    @Test
    void allMattersAndEveryEvaluatorAreReachable() {
        DrawInputs in = new DrawInputs(NOV, 12, ids(1, 5), ids(100, 4));
        var matters = new HashSet<Long>();
        var evaluators = new HashSet<Long>();
        for (int s = 0; s < 40; s++) {
            DrawResult r = Draw.run(in, seed(s));
            matters.addAll(r.sample());
            r.panels().forEach(p -> evaluators.addAll(p.evaluatorIds()));
        }
        assertThat(matters).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        assertThat(evaluators).containsExactlyInAnyOrder(100L, 101L, 102L, 103L);
    }

    @ParameterizedTest(name = "{0} eligible evaluators, {1} matters -> {2}")
    @CsvSource({"0,5,too-few-evaluators", "1,5,too-few-evaluators", "2,5,too-few-evaluators",
            "3,0,nothing-to-draw", "5,0,nothing-to-draw"})
    void refusesWhatCannotBeDrawn(int evaluators, int matters, String rule) {
        DrawInputs in = new DrawInputs(NOV, 12, ids(1, matters), ids(100, evaluators));
        assertThatThrownBy(() -> Draw.run(in, seed(1))).isInstanceOf(EvaluationException.Refused.class)
                .extracting(e -> ((EvaluationException) e).rule()).isEqualTo(rule);
    }

    @Test
    void threeEvaluatorsMakeTheOnePossiblePanel() {
        DrawResult r = Draw.run(new DrawInputs(NOV, 12, ids(1, 10), new long[] {4, 9, 11}), seed(2));
        assertThat(r.panels()).allSatisfy(p -> assertThat(p.evaluatorIds()).containsExactlyInAnyOrder(4L, 9L, 11L));
    }

    @Test
    void inputsMustBeSortedAndDistinct() {
        assertThatThrownBy(() -> new DrawInputs(NOV, 1, new long[] {3, 2}, ids(1, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DrawInputs(NOV, 1, ids(1, 3), new long[] {5, 5, 6}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInputsHashIsTheSha256OfTheCanonicalText() throws Exception {
        DrawInputs in = new DrawInputs(NOV, 12, new long[] {3, 8, 15}, new long[] {2, 4, 7, 9});
        assertThat(in.canonical()).isEqualTo("lianxin-draw-v1\nmonth=2026-11\noffice=12\nmatters=3,8,15\n"
                + "evaluators=2,4,7,9\n");
        assertThat(in.hash()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(in.canonical().getBytes(StandardCharsets.UTF_8))));
        assertThat(new DrawInputs(NOV, 12, new long[] {3, 8, 16}, new long[] {2, 4, 7, 9}).hash())
                .isNotEqualTo(in.hash());
    }

    @ParameterizedTest(name = "affiliation {0}, evaluated {1}, active {2} -> {3}")
    @CsvSource({
            ",/1/4/37/,true,true", // no affiliation
            ",/1/4/37/,false,false", // inactive
            "/1/4/37/,/1/4/37/,true,false", // the evaluated office itself
            "/1/4/,/1/4/37/,true,false", // its city, above it
            "/1/,/1/4/37/,true,false", // the province, above it
            "/1/4/37/90/,/1/4/37/,true,false", // its own department
            "/1/4/38/,/1/4/37/,true,true", // a sibling county
            "/1/5/,/1/4/37/,true,true", // another city
            "/1/4/3/,/1/4/37/,true,true", // a path that is a textual but not an office prefix
    })
    void eligibility(String affiliation, String evaluated, boolean active, boolean eligible) {
        assertThat(Eligibility.eligible(active, affiliation, evaluated)).isEqualTo(eligible);
    }

    /** The specification in the Javadoc, written again with BigInteger arithmetic. */
    static String reference(DrawInputs in, byte[] seed) {
        String seedHex = HexFormat.of().formatHex(seed);
        long[] m = in.matterIds();
        int k = Math.min(m.length, Math.max(3, (int) Math.ceil(m.length / 10.0)));
        StringBuilder out = new StringBuilder();
        for (long matter : pick(m, k, seedHex, "sample")) {
            List<Long> panel = pick(in.evaluatorIds(), 3, seedHex, "panel:" + matter);
            out.append(matter).append(':').append(panel.get(0)).append(',').append(panel.get(1)).append(',')
                    .append(panel.get(2)).append('\n');
        }
        return out.toString();
    }

    static List<Long> pick(long[] sorted, int k, String seedHex, String label) {
        List<Long> a = new ArrayList<>();
        for (long id : sorted) a.add(id);
        BigInteger two63 = BigInteger.ONE.shiftLeft(63);
        int counter = 0;
        for (int i = 0; i < k; i++) {
            BigInteger n = BigInteger.valueOf(a.size() - i);
            BigInteger limit = two63.subtract(two63.mod(n));
            BigInteger x;
            do {
                byte[] d = sha(seedHex + "|" + label + "|" + counter++);
                byte[] first = new byte[8];
                System.arraycopy(d, 0, first, 0, 8);
                x = new BigInteger(1, first).mod(two63);
            } while (x.compareTo(limit) >= 0);
            int j = i + x.mod(n).intValue();
            Long t = a.get(i);
            a.set(i, a.get(j));
            a.set(j, t);
        }
        return a.subList(0, k);
    }

    static byte[] sha(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
