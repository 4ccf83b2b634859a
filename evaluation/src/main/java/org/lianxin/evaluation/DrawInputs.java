package org.lianxin.evaluation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * What a draw is made from: the month, the evaluated office, the ids of its eligible matters and of the eligible
 * evaluators, both sorted ascending without duplicates. {@link #canonical()} is the exact text whose SHA-256 is
 * stored as the inputs' hash, so anyone holding the data can check that they re-run the same draw.
 */
public record DrawInputs(YearMonth month, long officeId, long[] matterIds, long[] evaluatorIds) {

    public DrawInputs {
        matterIds = matterIds.clone();
        evaluatorIds = evaluatorIds.clone();
        requireSorted("matterIds", matterIds);
        requireSorted("evaluatorIds", evaluatorIds);
    }

    private static void requireSorted(String name, long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i - 1] >= ids[i]) {
                throw new IllegalArgumentException(name + " must be sorted ascending without duplicates");
            }
        }
    }

    @Override
    public long[] matterIds() {
        return matterIds.clone();
    }

    @Override
    public long[] evaluatorIds() {
        return evaluatorIds.clone();
    }

    /**
     * The canonical text, UTF-8, lines ending in LF:
     * <pre>
     * lianxin-draw-v1
     * month=2026-11
     * office=12
     * matters=3,8,15
     * evaluators=2,4,7,9
     * </pre>
     */
    public String canonical() {
        return "lianxin-draw-v1\nmonth=" + month + "\noffice=" + officeId + "\nmatters=" + join(matterIds)
                + "\nevaluators=" + join(evaluatorIds) + "\n";
    }

    /** Lower-case hex SHA-256 of {@link #canonical()}. */
    public String hash() {
        return sha256Hex(canonical());
    }

    static String join(long[] ids) {
        return Arrays.stream(ids).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DrawInputs other && month.equals(other.month) && officeId == other.officeId
                && Arrays.equals(matterIds, other.matterIds) && Arrays.equals(evaluatorIds, other.evaluatorIds);
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    @Override
    public String toString() {
        return canonical().replace('\n', ' ').trim();
    }
}
