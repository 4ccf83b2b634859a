package org.lianxin.web.input;

/**
 * The one rule for text a request brings: no control characters (Unicode's Cc: U+0000–U+001F, U+007F–U+009F) but
 * the tab, and in a {@link MultiLine} field the line feed (alone or after a carriage return); no lone surrogate
 * either. What a kiosk, a console or an iCalendar feed would show garbled, or not at all, never enters.
 */
public final class TextInput {
    private TextInput() {
    }

    /** The value unchanged, or an {@link InputRefused} naming the first character refused and where it is. */
    public static String check(String value, boolean multiLine) {
        if (value == null) return null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t') continue;
            if (multiLine && (c == '\n' || c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n')) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                throw new InputRefused("control-character", String.format(
                        "character U+%04X at position %d is not allowed in text%s", (int) c, i + 1,
                        multiLine ? " (line breaks are)" : " (one line: no line breaks)"));
            }
        }
        return value;
    }
}
