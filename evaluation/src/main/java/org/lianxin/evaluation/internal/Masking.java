package org.lianxin.evaluation.internal;

/** Personal data as an evaluator sees it: the family name kept, the given name starred (王小明 → 王**). */
public final class Masking {
    private Masking() {
    }

    public static String name(String name) {
        if (name == null || name.isBlank()) return "**";
        String trimmed = name.strip();
        int first = trimmed.codePointAt(0);
        return new String(Character.toChars(first)) + "**";
    }
}
