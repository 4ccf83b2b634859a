package org.lianxin.web.security;

import java.util.Locale;
import java.util.Map;

import org.lianxin.scheduler.RuleViolation;

/**
 * The stated rule for a password an administrator sets (等保 2.0 asks for complexity): {@value #MIN} to {@value #MAX}
 * characters, at least three of four kinds — lower-case letters, upper-case letters, digits, other characters (a
 * Chinese character counts as other) — no control characters, and not containing the login name. Pure; each refusal
 * is a 422 {@code password-weak} naming the field {@code password}.
 */
public final class PasswordPolicy {
    public static final int MIN = 10;
    public static final int MAX = 200;
    /** The policy as the problem detail and the page state it. */
    public static final String STATED = MIN + "–" + MAX + " characters, at least three of: lower-case letters,"
            + " upper-case letters, digits, other characters; not containing the login name";

    private PasswordPolicy() {
    }

    /** Refuses {@code password} for the account {@code username} unless it meets the policy. */
    public static void check(String username, String password) {
        if (password == null || password.isEmpty()) throw weak("a password is required");
        int length = password.codePointCount(0, password.length());
        if (length < MIN || length > MAX) throw weak("has " + length + " characters");
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isISOControl(c)) throw weak("contains a control character");
            if (c < 128 && Character.isLowerCase(c)) lower = true;
            else if (c < 128 && Character.isUpperCase(c)) upper = true;
            else if (c < 128 && Character.isDigit(c)) digit = true;
            else other = true;
        }
        int kinds = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        if (kinds < 3) throw weak("has " + kinds + " of the four kinds of characters");
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.strip().toLowerCase(Locale.ROOT))) {
            throw weak("contains the login name");
        }
    }

    private static RuleViolation weak(String why) {
        return new RuleViolation("password-weak", "password: " + why + "; the policy: " + STATED,
                Map.of("field", "password", "minLength", MIN));
    }
}
