package org.lianxin.signaling.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The codec's JSON layer (Jackson 3), on plain Java values: objects as {@code Map<String, Object>}
 * (insertion order; a JSON {@code null} is a present key with a null value), arrays as
 * {@code List<Object>}, strings, numbers ({@code Integer}/{@code Long}/{@code BigInteger} when
 * integral, else {@code Double}), booleans.
 *
 * <p>Strict: standard JSON only (no comments, single quotes, leading zeros, unescaped control
 * characters), nothing after the value, no repeated keys, nesting at most {@value #MAX_DEPTH}.
 * Input size is bounded by the codec before it gets here.
 */
final class Json {

    static final int MAX_DEPTH = 16;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** The JSON text is not well-formed (or nests too deep, or repeats a key). */
    static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    static Object parse(String text) throws SyntaxError {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JacksonException e) {
            // Jackson's own message quotes the input; the frame may hold a token: say only where.
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            throw new SyntaxError(column > 0 ? "at column " + column : "unreadable");
        }
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
