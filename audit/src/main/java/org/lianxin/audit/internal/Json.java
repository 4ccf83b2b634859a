package org.lianxin.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The little JSON the archive objects need: quoting text, and reading back one flat object of strings, numbers and nulls. */
final class Json {

    private Json() {
    }

    static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }

    /** The members of {@code {"k":"v","n":1,"x":null}}: strings unescaped, numbers as written, null as null. */
    static Map<String, String> flatObject(String json) {
        Map<String, String> members = new LinkedHashMap<>();
        int[] at = {skip(json, 0)};
        expect(json, at, '{');
        if (peek(json, at) == '}') {
            at[0]++;
            return end(json, at, members);
        }
        while (true) {
            String key = string(json, at);
            expect(json, at, ':');
            char c = peek(json, at);
            String value;
            if (c == '"') {
                value = string(json, at);
            } else if (json.startsWith("null", at[0])) {
                at[0] += 4;
                value = null;
            } else {
                int start = at[0];
                while (at[0] < json.length() && "-0123456789".indexOf(json.charAt(at[0])) >= 0) {
                    at[0]++;
                }
                if (start == at[0]) {
                    throw new IllegalArgumentException("a string, number or null expected at " + start);
                }
                value = json.substring(start, at[0]);
            }
            if (members.put(key, value) != null) {
                throw new IllegalArgumentException("member " + key + " twice");
            }
            char next = peek(json, at);
            at[0]++;
            if (next == '}') {
                return end(json, at, members);
            }
            if (next != ',') {
                throw new IllegalArgumentException("',' or '}' expected at " + (at[0] - 1));
            }
        }
    }

    private static Map<String, String> end(String json, int[] at, Map<String, String> members) {
        if (skip(json, at[0]) != json.length()) {
            throw new IllegalArgumentException("text after the object at " + at[0]);
        }
        return members;
    }

    private static String string(String json, int[] at) {
        expect(json, at, '"');
        StringBuilder out = new StringBuilder();
        int i = at[0];
        while (true) {
            if (i >= json.length()) {
                throw new IllegalArgumentException("unterminated string");
            }
            char c = json.charAt(i++);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                char e = json.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + e);
                }
            } else {
                out.append(c);
            }
        }
        at[0] = i;
        return out.toString();
    }

    private static char peek(String json, int[] at) {
        at[0] = skip(json, at[0]);
        if (at[0] >= json.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return json.charAt(at[0]);
    }

    private static void expect(String json, int[] at, char c) {
        if (peek(json, at) != c) {
            throw new IllegalArgumentException("'" + c + "' expected at " + at[0]);
        }
        at[0]++;
    }

    private static int skip(String json, int i) {
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }
}
