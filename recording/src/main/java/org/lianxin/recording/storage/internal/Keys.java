package org.lianxin.recording.storage.internal;

import java.io.IOException;
import java.io.InputStream;

import org.lianxin.recording.storage.StorageException;

/** Key and range rules shared by the adapters (see {@link org.lianxin.recording.storage.ObjectStore}). */
final class Keys {

    static final int MAX_LENGTH = 512;
    /** Longest segment between slashes: a file name on common file systems (ext4, xfs: 255 bytes). */
    static final int MAX_SEGMENT = 255;

    private Keys() {
    }

    /** Refuses a key that breaks the port's rules: length, characters, leading, trailing or doubled {@code /}, {@code .} or {@code ..} segments, segments over 255 characters. */
    static String check(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            throw refused(key, "must be 1-" + MAX_LENGTH + " characters");
        }
        checkChars(key);
        if (key.startsWith("/") || key.endsWith("/")) {
            throw refused(key, "must not start or end with /");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw refused(key, "must not contain empty, . or .. segments");
            }
            if (segment.length() > MAX_SEGMENT) {
                throw refused(key, "a part between slashes must be at most " + MAX_SEGMENT + " characters");
            }
        }
        return key;
    }

    /** A list prefix: empty (everything) or the characters of a key, not starting with {@code /}, no {@code ..} segment. */
    static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw refused(null, "prefix must not be null");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        if (prefix.length() > MAX_LENGTH) {
            throw refused(prefix, "prefix too long");
        }
        checkChars(prefix);
        if (prefix.startsWith("/")) {
            throw refused(prefix, "prefix must not start with /");
        }
        for (String segment : prefix.split("/", -1)) {
            if (segment.equals("..")) {
                throw refused(prefix, "prefix must not contain a .. segment");
            }
        }
        return prefix;
    }

    static void checkRange(String key, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new StorageException(StorageException.Kind.REFUSED,
                    "bad range for " + key + ": offset " + offset + ", length " + length);
        }
    }

    private static void checkChars(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '/' || c == '-';
            if (!ok) {
                throw refused(key, "allowed characters are A-Z a-z 0-9 . _ / -");
            }
        }
    }

    private static StorageException refused(String key, String why) {
        String shown = key == null ? "null" : key.length() > 80 ? key.substring(0, 80) + "…" : key;
        return new StorageException(StorageException.Kind.REFUSED, "bad object key '" + shown + "': " + why);
    }

    /** At most {@code limit} bytes of {@code in}; closes {@code in} when closed. */
    static InputStream limit(InputStream in, long limit) {
        return new InputStream() {
            private long left = limit;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                if (left <= 0) {
                    return len == 0 ? 0 : -1;
                }
                int n = in.read(buf, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
