package org.lianxin.web.recording.api;

/**
 * One byte range of an object of known size (RFC 9110 §14): {@code first} to {@code last} inclusive.
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** {@code bytes 0-99/1000} */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** What a Range header asks of an object of {@code size} bytes. */
    sealed interface Request permits Whole, Part, Unsatisfiable {
    }

    /** No Range header, one we ignore (not bytes, malformed, several ranges): send the whole object with 200. */
    record Whole() implements Request {
    }

    /** One satisfiable range: 206. */
    record Part(ByteRange range) implements Request {
    }

    /** A well-formed range that lies wholly past the end (or an empty suffix): 416. */
    record Unsatisfiable() implements Request {
    }

    /**
     * Parses {@code header} for an object of {@code size} bytes. A syntactically invalid header is ignored as
     * RFC 9110 §14.2 requires; several ranges are answered with the whole object (a server may ignore Range),
     * which every player handles.
     */
    static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = h.substring(6).trim();
        if (spec.isEmpty() || spec.indexOf(',') >= 0) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) { // suffix: the last b bytes
                if (b.isEmpty() || !digits(b)) return new Whole();
                long n = Long.parseLong(b);
                if (n == 0 || size == 0) return new Unsatisfiable();
                return new Part(new ByteRange(Math.max(0, size - n), size - 1));
            }
            if (!digits(a) || (!b.isEmpty() && !digits(b))) return new Whole();
            long first = Long.parseLong(a);
            if (!b.isEmpty() && Long.parseLong(b) < first) return new Whole(); // invalid: ignored
            if (first >= size) return new Unsatisfiable();
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            return new Part(new ByteRange(first, last));
        } catch (NumberFormatException e) { // more digits than a long holds
            return new Whole();
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return !s.isEmpty();
    }
}
