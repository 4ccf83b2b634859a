package org.lianxin.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DocumentTypeTest {

    private static Optional<DocumentType> sniff(byte[] b) {
        return DocumentType.sniff(java.util.Arrays.copyOf(b, DocumentType.MAGIC_BYTES), Math.min(b.length,
                DocumentType.MAGIC_BYTES));
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    @Test
    void pdfPngAndJpegAreKnownByTheirFirstBytes() {
        assertThat(sniff("%PDF-1.7\n%âãÏÓ".getBytes(StandardCharsets.ISO_8859_1))).contains(DocumentType.PDF);
        assertThat(sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13))).contains(DocumentType.PNG);
        assertThat(sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F'))).contains(DocumentType.JPEG);
        assertThat(sniff(bytes(0xFF, 0xD8, 0xFF, 0xE1))).as("EXIF JPEG from a phone").contains(DocumentType.JPEG);
    }

    @Test
    void everythingElseIsNoneOfThem() {
        assertThat(sniff(bytes('M', 'Z', 0x90, 0))).as("a Windows executable").isEmpty();
        assertThat(sniff(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1, 0))).as("ELF").isEmpty();
        assertThat(sniff("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1))).as("zip, docx").isEmpty();
        assertThat(sniff("<html><script>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(sniff(" %PDF-1.7".getBytes(StandardCharsets.US_ASCII))).as("magic not at the start").isEmpty();
        assertThat(sniff("GIF89a".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void aFileShorterThanTheMagicIsNoneOfThem() {
        assertThat(sniff("%PDF".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(sniff(bytes(0x89, 'P', 'N', 'G'))).isEmpty();
        assertThat(sniff(bytes(0xFF, 0xD8))).isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
    }

    @Test
    void aDeclaredTypeAgreesOnlyWithTheSniffedOne() {
        assertThat(DocumentType.PDF.agreesWith("application/pdf")).isTrue();
        assertThat(DocumentType.PDF.agreesWith("Application/PDF; name=x")).isTrue();
        assertThat(DocumentType.PDF.agreesWith("application/x-pdf")).isTrue();
        assertThat(DocumentType.JPEG.agreesWith("image/jpg")).isTrue();
        assertThat(DocumentType.JPEG.agreesWith("image/pjpeg")).isTrue();
        assertThat(DocumentType.PDF.agreesWith(null)).as("nothing declared").isTrue();
        assertThat(DocumentType.PDF.agreesWith("application/octet-stream")).as("nothing known").isTrue();
        assertThat(DocumentType.PDF.agreesWith("image/png")).isFalse();
        assertThat(DocumentType.PNG.agreesWith("image/jpeg")).isFalse();
        assertThat(DocumentType.JPEG.agreesWith("application/x-msdownload")).isFalse();
        assertThat(DocumentType.PDF.agreesWith("text/html")).isFalse();
    }

    @Test
    void extensionsAreMatchedInAnyCase() {
        assertThat(DocumentType.JPEG.hasExtension("JPG")).isTrue();
        assertThat(DocumentType.JPEG.hasExtension("jpeg")).isTrue();
        assertThat(DocumentType.PDF.hasExtension("exe")).isFalse();
        assertThat(DocumentType.PNG.hasExtension("pdf")).isFalse();
    }
}
