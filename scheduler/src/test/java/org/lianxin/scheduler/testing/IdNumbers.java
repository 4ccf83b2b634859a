package org.lianxin.scheduler.testing;

/** Valid 18-character resident ID numbers (GB 11643 check digit) for tests and demo data. */
public final class IdNumbers {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private IdNumbers() {
    }

    /** The 17 digits given plus their check digit. */
    public static String withCheckDigit(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        return first17 + CHECK[sum % 11];
    }

    /** A valid number for area {@code area} (6 digits), born 1970-01-01 + {@code n} days, sequence from n. */
    public static String valid(String area, int n) {
        java.time.LocalDate birth = java.time.LocalDate.of(1960, 1, 1).plusDays(n % 15000);
        String s = area + birth.toString().replace("-", "") + String.format("%03d", n % 1000);
        return withCheckDigit(s);
    }
}
