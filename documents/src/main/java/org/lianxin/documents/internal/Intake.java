package org.lianxin.documents.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.lianxin.documents.DocumentType;

/**
 * An upload's bytes on their way in: copied to a scratch file (never held in memory) while they are counted,
 * hashed (SHA-256) and their first bytes kept for {@link DocumentType#sniff}. Reading stops at one byte past the
 * limit, so a client can never make the server write more than {@code maxBytes + 1} bytes. The caller deletes the
 * file ({@link #close()}).
 */
public final class Intake implements AutoCloseable {

    private final Path file;
    private final long size;
    private final String sha256;
    private final byte[] head;
    private final int headLength;

    private Intake(Path file, long size, String sha256, byte[] head, int headLength) {
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
        this.head = head;
        this.headLength = headLength;
    }

    /**
     * Copies {@code content} into a new file in {@code scratch}. If it has more than {@code maxBytes} bytes, the
     * result's {@link #size()} is {@code maxBytes + 1} and the rest is left unread.
     */
    public static Intake read(InputStream content, long maxBytes, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "upload-", ".part");
        try {
            MessageDigest sha = newSha256();
            byte[] head = new byte[DocumentType.MAGIC_BYTES];
            int headLength = 0;
            long size = 0;
            byte[] buf = new byte[64 * 1024];
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                while (size <= maxBytes) {
                    int want = (int) Math.min(buf.length, maxBytes + 1 - size);
                    int n = content.read(buf, 0, want);
                    if (n < 0) {
                        break;
                    }
                    if (headLength < head.length) {
                        int h = Math.min(n, head.length - headLength);
                        System.arraycopy(buf, 0, head, headLength, h);
                        headLength += h;
                    }
                    out.write(buf, 0, n);
                    size += n;
                }
            }
            return new Intake(file, size, HexFormat.of().formatHex(sha.digest()), head, headLength);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    /** The type the first bytes say, if any. */
    public java.util.Optional<DocumentType> sniffed() {
        return DocumentType.sniff(head, headLength);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
