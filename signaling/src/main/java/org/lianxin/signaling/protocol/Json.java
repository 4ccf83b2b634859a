package org.lianxin.signaling.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, small JSON reader and writer (RFC 8259) for the codec, on plain Java values:
 * objects as {@code Map<String, Object>} (insertion order; a JSON {@code null} is a present key
 * with a null value), arrays as {@code List<Object>}, strings, numbers ({@code Long} when
 * integral and in range, else {@code Double}), booleans.
 *
 * <p>Why not Jackson: the module's architecture rule ({@code SignalingArchitectureTest}) keeps
 * Jackson inside the Janus adapter. If that rule is widened to this package, this class is the
 * only one to replace. Input is bounded by the codec's size limit before it gets here; nesting
 * is bounded here; duplicate keys are refused.
 */
final class Json {

    static final int MAX_DEPTH = 16;

    private Json() {
    }

    /** The JSON text is not well-formed (or nests too deep, or repeats a key). */
    static final class SyntaxError extends Exception {
        SyntaxError(String message, int position) {
            super(message + " at " + position, null, false, false);
        }
    }

    // ------------------------------------------------------------------ reading

    static Object parse(String text) throws SyntaxError {
        Reader reader = new Reader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw new SyntaxError("trailing characters", reader.pos);
        }
        return value;
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        Object value(int depth) throws SyntaxError {
            if (pos >= s.length()) {
                throw new SyntaxError("unexpected end", pos);
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw new SyntaxError("unexpected character", pos);
            }
        }

        private void literal(String word) throws SyntaxError {
            if (!s.startsWith(word, pos)) {
                throw new SyntaxError("unexpected character", pos);
            }
            pos += word.length();
        }

        private Map<String, Object> object(int depth) throws SyntaxError {
            if (depth > MAX_DEPTH) {
                throw new SyntaxError("nested too deep", pos);
            }
            pos++; // {
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw new SyntaxError("expected a key", pos);
                }
                int keyAt = pos;
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                Object value = value(depth);
                if (map.containsKey(key)) {
                    throw new SyntaxError("duplicate key", keyAt);
                }
                map.put(key, value);
                skipWhitespace();
                char c = next();
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw new SyntaxError("expected ',' or '}'", pos - 1);
                }
            }
        }

        private List<Object> array(int depth) throws SyntaxError {
            if (depth > MAX_DEPTH) {
                throw new SyntaxError("nested too deep", pos);
            }
            pos++; // [
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipWhitespace();
                list.add(value(depth));
                skipWhitespace();
                char c = next();
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw new SyntaxError("expected ',' or ']'", pos - 1);
                }
            }
        }

        private String string() throws SyntaxError {
            pos++; // opening quote
            StringBuilder out = null;
            int start = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw new SyntaxError("unterminated string", start);
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String result = out == null ? s.substring(start, pos) : out.append(s, start, pos).toString();
                    pos++;
                    return result;
                }
                if (c < 0x20) {
                    throw new SyntaxError("control character in string", pos);
                }
                if (c == '\\') {
                    if (out == null) {
                        out = new StringBuilder();
                    }
                    out.append(s, start, pos);
                    pos++;
                    if (pos >= s.length()) {
                        throw new SyntaxError("unterminated escape", pos);
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case '"' -> out.append('"');
                        case '\\' -> out.append('\\');
                        case '/' -> out.append('/');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> out.append(hex4());
                        default -> throw new SyntaxError("invalid escape", pos - 1);
                    }
                    start = pos;
                } else {
                    pos++;
                }
            }
        }

        private char hex4() throws SyntaxError {
            if (pos + 4 > s.length()) {
                throw new SyntaxError("invalid \\u escape", pos);
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                if (d < 0) {
                    throw new SyntaxError("invalid \\u escape", pos);
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        private Object number() throws SyntaxError {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                while (isDigit(peek())) {
                    pos++;
                }
            } else {
                throw new SyntaxError("invalid number", start);
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) {
                    throw new SyntaxError("invalid number", start);
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw new SyntaxError("invalid number", start);
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            String text = s.substring(start, pos);
            if (integral && text.length() <= 18) {
                return Long.parseLong(text);
            }
            return Double.parseDouble(text);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private char next() throws SyntaxError {
            if (pos >= s.length()) {
                throw new SyntaxError("unexpected end", pos);
            }
            return s.charAt(pos++);
        }

        private void expect(char c) throws SyntaxError {
            if (next() != c) {
                throw new SyntaxError("expected '" + c + "'", pos - 1);
            }
        }
    }

    // ------------------------------------------------------------------ writing

    static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString((String) e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                                    && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
