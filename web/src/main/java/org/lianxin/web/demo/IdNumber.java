package org.lianxin.web.demo;

/** GB 11643 check digit of resident ID numbers, for generated demo case files. */
final class IdNumber {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private IdNumber() {
    }

    static String withCheckDigit(String first17) {
        if (first17.length() != 17) throw new IllegalArgumentException("17 digits expected");
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        return first17 + CHECK[sum % 11];
    }
}
