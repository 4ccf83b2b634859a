package org.lianxin.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentNameTest {

    @Test
    void aChineseNameIsKeptAsItIs() {
        assertThat(DocumentName.clean("信访事项答复意见书（2026）第12号.pdf")).isEqualTo("信访事项答复意见书（2026）第12号.pdf");
    }

    @Test
    void foldersOfAnySystemAreDropped() {
        assertThat(DocumentName.clean("C:\\Users\\张三\\桌面\\答复.pdf")).isEqualTo("答复.pdf");
        assertThat(DocumentName.clean("../../etc/passwd")).isEqualTo("passwd");
        assertThat(DocumentName.clean("/tmp/x/../照片.jpg")).isEqualTo("照片.jpg");
    }

    @Test
    void controlAndInvisibleFormattingCharactersAreRemoved() {
        assertThat(DocumentName.clean("答\u0000复\u0007\u001B.pdf")).isEqualTo("答复.pdf");
        assertThat(DocumentName.clean("答复\r\n意见.pdf")).as("line breaks are spaces").isEqualTo("答复 意见.pdf");
        // a right-to-left override would make "回gpj.exe" read "回exe.jpg"
        assertThat(DocumentName.clean("回\u202Egpj.exe")).isEqualTo("回gpj.exe");
        assertThat(DocumentName.clean("答\u200B复.pdf")).as("zero-width space").isEqualTo("答复.pdf");
        assertThat(DocumentName.clean("答\uD800复.pdf")).as("a lone surrogate").isEqualTo("答复.pdf");
    }

    @Test
    void spacesAreCollapsedAndReservedCharactersReplaced() {
        assertThat(DocumentName.clean("  答复   意见\t书 .pdf ")).isEqualTo("答复 意见 书 .pdf");
        assertThat(DocumentName.clean("a<b>c:d\"e|f?g*h.pdf")).isEqualTo("a_b_c_d_e_f_g_h.pdf");
        assertThat(DocumentName.clean("答复\u3000意见.pdf")).as("ideographic space").isEqualTo("答复 意见.pdf");
    }

    @Test
    void leadingDotsAndTrailingDotsAreDropped() {
        assertThat(DocumentName.clean(".hidden.pdf")).isEqualTo("hidden.pdf");
        assertThat(DocumentName.clean("答复.pdf...")).isEqualTo("答复.pdf");
    }

    @Test
    void nothingLeftBecomesDocument() {
        assertThat(DocumentName.clean(null)).isEqualTo("document");
        assertThat(DocumentName.clean("")).isEqualTo("document");
        assertThat(DocumentName.clean("C:\\folder\\")).isEqualTo("document");
        assertThat(DocumentName.clean("\u0000\u202E ...")).isEqualTo("document");
    }

    @Test
    void aLongNameIsShortenedKeepingItsExtension() {
        String name = DocumentName.clean("答".repeat(300) + ".pdf");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(DocumentName.MAX_LENGTH);
        assertThat(name).endsWith("答.pdf");
        String emoji = DocumentName.clean("😀".repeat(150) + ".png");
        assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(DocumentName.MAX_LENGTH);
        assertThat(emoji).endsWith(".png").doesNotContain("\uFFFD");
        assertThat(Character.isHighSurrogate(emoji.charAt(emoji.length() - 5))).isFalse();
    }

    @Test
    void anExtensionIsOneToFiveAsciiLettersOrDigitsWithALetter() {
        assertThat(DocumentName.extension("a.PDF")).contains("pdf");
        assertThat(DocumentName.extension("a.jpeg")).contains("jpeg");
        assertThat(DocumentName.extension("报告 v1.2")).isEmpty();
        assertThat(DocumentName.extension("报告.2026")).isEmpty();
        assertThat(DocumentName.extension("报告")).isEmpty();
        assertThat(DocumentName.extension("报告.答复")).isEmpty();
        assertThat(DocumentName.extension("archive.backup")).isEmpty();
    }

    @Test
    void aNameWithoutExtensionGetsTheTypes() {
        assertThat(DocumentName.withExtension("答复", DocumentType.PDF)).isEqualTo("答复.pdf");
        assertThat(DocumentName.withExtension("照片.JPG", DocumentType.JPEG)).isEqualTo("照片.JPG");
        String longName = DocumentName.withExtension("答".repeat(DocumentName.MAX_LENGTH), DocumentType.JPEG);
        assertThat(longName.codePointCount(0, longName.length())).isEqualTo(DocumentName.MAX_LENGTH);
        assertThat(longName).endsWith("答.jpg");
    }
}
