package org.lianxin.web.documents;

import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a download: {@code attachment; filename="<ASCII>"; filename*=UTF-8''<name>}
 * (RFC 6266 with RFC 5987's encoding): browsers take the UTF-8 name ({@code 信访答复.pdf}); a client that knows only
 * {@code filename} gets the name with every character outside printable ASCII, and the quote and backslash, as
 * {@code _}.
 */
final class DownloadName {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private DownloadName() {
    }

    static String contentDisposition(String name) {
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + encode(name);
    }

    static String asciiFallback(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
        }
        return b.toString();
    }

    /** RFC 5987 {@code value-chars}: attr-char as is, every other UTF-8 byte as {@code %XX}. */
    static String encode(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return b.toString();
    }
}
