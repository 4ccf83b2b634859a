package org.lianxin.web.input;

/**
 * A request value the input rules refuse. {@link #rule()} is stable ({@code date-out-of-range},
 * {@code control-character}, {@code malformed-id}, {@code malformed-number}); the field is named by whoever knows it
 * (the JSON path of a body, the name of a parameter), so the refusal itself may not. An IllegalArgumentException, as
 * Spring's binding expects of a value it cannot take: it reports it as a type mismatch of the named parameter.
 */
public final class InputRefused extends IllegalArgumentException {
    private final String rule;
    private final String field;

    public InputRefused(String rule, String message) {
        this(rule, null, message);
    }

    private InputRefused(String rule, String field, String message) {
        super(message);
        this.rule = rule;
        this.field = field;
    }

    public String rule() {
        return rule;
    }

    /** The field refused, when the code that refused it knew; else null. */
    public String field() {
        return field;
    }

    /** The same refusal of the named field (a parameter a controller reads itself). */
    public InputRefused of(String field) {
        return new InputRefused(rule, field, getMessage());
    }

    /** The refusal behind an exception (a JSON reader's or a converter's wrapping), or null. */
    public static InputRefused in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputRefused refused) return refused;
            if (t.getCause() == t) break;
        }
        return null;
    }
}
