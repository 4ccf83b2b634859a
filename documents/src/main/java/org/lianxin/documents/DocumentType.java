package org.lianxin.documents;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of document accepted, each recognised by its leading bytes ("magic"), never by the name or the type the
 * client declared: those are only checked against what the bytes are.
 */
public enum DocumentType {
    /** {@code %PDF-}. */
    PDF("application/pdf", List.of("pdf"), new byte[] {'%', 'P', 'D', 'F', '-'}),
    /** The 8-byte PNG signature. */
    PNG("image/png", List.of("png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
    /** SOI followed by the first marker's 0xFF. */
    JPEG("image/jpeg", List.of("jpg", "jpeg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

    /** How many leading bytes {@link #sniff} needs at most. */
    public static final int MAGIC_BYTES = 8;

    private final String mimeType;
    private final List<String> extensions;
    private final byte[] magic;

    DocumentType(String mimeType, List<String> extensions, byte[] magic) {
        this.mimeType = mimeType;
        this.extensions = extensions;
        this.magic = magic;
    }

    public String mimeType() {
        return mimeType;
    }

    /** File name extensions of this type, lower case, the usual one first. */
    public List<String> extensions() {
        return extensions;
    }

    /** The type whose magic {@code head} starts with (the first {@code length} bytes of the content), if any. */
    public static Optional<DocumentType> sniff(byte[] head, int length) {
        for (DocumentType t : values()) {
            if (length >= t.magic.length && startsWith(head, t.magic)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether a declared file extension (without the dot, any case) names this type. */
    public boolean hasExtension(String extension) {
        return extensions.contains(extension.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a declared MIME type agrees with this type. Blank and {@code application/octet-stream} (what browsers
     * send when they do not know) declare nothing; parameters ({@code ;charset=...}) are ignored; {@code image/jpg} and
     * {@code image/pjpeg}, which some systems send, count as JPEG, {@code application/x-pdf} as PDF.
     */
    public boolean agreesWith(String declaredMimeType) {
        if (declaredMimeType == null) {
            return true;
        }
        String m = declaredMimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (m.isEmpty() || m.equals("application/octet-stream")) {
            return true;
        }
        if (this == JPEG && (m.equals("image/jpg") || m.equals("image/pjpeg"))) {
            return true;
        }
        if (this == PDF && m.equals("application/x-pdf")) {
            return true;
        }
        return m.equals(mimeType);
    }
}
