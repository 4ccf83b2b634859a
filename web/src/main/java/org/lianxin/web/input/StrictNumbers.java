package org.lianxin.web.input;

import org.springframework.core.convert.converter.Converter;

/**
 * Numbers in paths and query strings: ASCII digits only. Spring's own reading trims spaces, takes {@code 0x10} as
 * sixteen and Java reads Arabic-Indic digits as numbers, so {@code /bookings/%201} was booking 1; here an id
 * ({@code long}) is one to eighteen ASCII digits, any other integer may have a leading minus. An empty value stays
 * absent, as before.
 */
public final class StrictNumbers {
    private StrictNumbers() {
    }

    static Long id(String text) {
        if (text.isEmpty()) return null;
        if (text.length() > 18 || !digits(text, 0)) {
            throw new InputRefused("malformed-id", "'" + printable(text) + "' is not an id (ASCII digits only)");
        }
        return Long.parseLong(text);
    }

    static Integer integer(String text) {
        if (text.isEmpty()) return null;
        int from = text.startsWith("-") ? 1 : 0;
        if (text.length() - from > 9 || text.length() == from || !digits(text, from)) {
            throw new InputRefused("malformed-number",
                    "'" + printable(text) + "' is not a whole number (ASCII digits only)");
        }
        return Integer.parseInt(text);
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
