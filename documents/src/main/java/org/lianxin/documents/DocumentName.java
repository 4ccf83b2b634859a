package org.lianxin.documents;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The name a document is kept and offered under: what the uploader's system called it, made safe to show and to
 * save. Folders are dropped (a browser may send {@code C:\Users\...\答复.pdf}), tabs and line breaks made spaces,
 * control and invisible formatting characters removed (a right-to-left override can make {@code gpj.exe} read
 * {@code exe.jpg}), characters that Windows forbids in file names replaced by {@code _}, spaces collapsed, leading
 * dots and trailing dots and spaces dropped, and the result shortened to {@link #MAX_LENGTH} characters keeping its extension.
 */
public final class DocumentName {
    /** Longest name kept, in characters (code points). */
    public static final int MAX_LENGTH = 100;
    /** Longest extension recognised as one, without the dot. */
    static final int MAX_EXTENSION = 5;
    /** The name of a document whose declared name had nothing left. */
    static final String FALLBACK = "document";

    private DocumentName() {
    }

    /** The cleaned name; {@code "document"} when nothing is left of it. */
    public static String clean(String declared) {
        if (declared == null) {
            return FALLBACK;
        }
        String s = Normalizer.normalize(declared, Normalizer.Form.NFC);
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) { // tabs and line breaks too
                space = true;
                continue;
            }
            if (invisible(c)) {
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.appendCodePoint("<>:\"|?*".indexOf(c) >= 0 ? '_' : c);
        }
        String cleaned = trimDots(out.toString());
        return cleaned.isEmpty() ? FALLBACK : shorten(cleaned);
    }

    /** The extension of a cleaned name, lower case, without the dot: 1 to 5 ASCII letters or digits, at least one letter. */
    public static Optional<String> extension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1 || name.length() - dot - 1 > MAX_EXTENSION) {
            return Optional.empty();
        }
        String ext = name.substring(dot + 1);
        boolean letter = false;
        for (int i = 0; i < ext.length(); i++) {
            char c = ext.charAt(i);
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alpha && !(c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            letter |= alpha;
        }
        return letter ? Optional.of(ext.toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /** The cleaned name with the type's usual extension added when it has none (a name without one). */
    public static String withExtension(String cleaned, DocumentType type) {
        if (extension(cleaned).isPresent()) {
            return cleaned;
        }
        String ext = "." + type.extensions().get(0);
        return shorten(cleaned, MAX_LENGTH - ext.length()) + ext;
    }

    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    private static String trimDots(String s) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == '.') {
            start++;
        }
        int end = s.length();
        while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(start, end).strip();
    }

    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        Optional<String> ext = extension(name);
        if (ext.isEmpty()) {
            return shorten(name, MAX_LENGTH);
        }
        String base = name.substring(0, name.length() - ext.get().length() - 1);
        String tail = name.substring(name.length() - ext.get().length() - 1);
        return trimDots(shorten(base, MAX_LENGTH - tail.length())) + tail;
    }

    /** The first {@code max} code points (never cutting a surrogate pair). */
    private static String shorten(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max)).strip();
    }
}
