package org.lianxin.web.input;

import org.springframework.core.convert.converter.Converter;

/**
 * Numbers in paths and query strings: ASCII digits only. Spring's own reading trims spaces, takes {@code 0x10} as
 * sixteen and Java reads Arabic-Indic digits as numbers, so {@code /bookings/%201} was booking 1; here an id
 * ({@code long}) is ASCII digits up to {@link Long#MAX_VALUE}, any other integer may have a leading minus and fits an
 * {@code int}. An empty value stays absent, as before.
 */
public final class StrictNumbers {
    private StrictNumbers() {
    }

    static Long id(String text) {
        if (text.isEmpty()) return null;
        if (text.length() <= 19 && digits(text, 0)) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
                // refused below
            }
        }
        throw new InputRefused("malformed-id",
                "'" + printable(text) + "' is not an id (ASCII digits only, at most " + Long.MAX_VALUE + ")");
    }

    static Integer integer(String text) {
        if (text.isEmpty()) return null;
        int from = text.startsWith("-") ? 1 : 0;
        if (text.length() - from <= 10 && text.length() > from && digits(text, from)) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException tooLarge) {
                // refused below
            }
        }
        throw new InputRefused("malformed-number",
                "'" + printable(text) + "' is not a whole number (ASCII digits only, an int)");
    }

    private static boolean digits(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** The value as it may be echoed: controls shown as \\uXXXX, at most 40 characters. */
    private static String printable(String text) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < text.length() && s.length() < 40; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) s.append(String.format("\\u%04x", (int) c));
            else s.append(c);
        }
        return s.toString();
    }

    static final class Ids implements Converter<String, Long> {
        @Override
        public Long convert(String source) {
            return id(source);
        }
    }

    static final class Integers implements Converter<String, Integer> {
        @Override
        public Integer convert(String source) {
            return integer(source);
        }
    }
}
