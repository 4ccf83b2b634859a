package org.lianxin.web.auditor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a resident ID number (18 characters: 17 digits and a digit or X) or a mainland mobile
 * number (11 digits from 1) inside any text: the first 4 and last 4 of an ID stay ({@code 5101**********1234}, the
 * form case files keep), the first 3 and last 4 of a phone ({@code 138****5678}). Digits runs of other lengths stay as
 * they are (sequence numbers, ids, times).
 */
public final class PersonalDataMask {
    private static final Pattern ID = Pattern.compile("(?<![0-9A-Za-z])(\\d{4})\\d{10}(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])(1\\d{2})\\d{4}(\\d{4})(?![0-9])");

    private PersonalDataMask() {
    }

    /** {@code text} with every ID and phone number in it masked; null stays null. */
    public static String mask(String text) {
        if (text == null) return null;
        String ids = replace(ID.matcher(text), "**********");
        return replace(PHONE.matcher(ids), "****");
    }

    private static String replace(Matcher m, String stars) {
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + stars + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
