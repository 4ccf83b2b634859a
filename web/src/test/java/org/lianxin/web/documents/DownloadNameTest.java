package org.lianxin.web.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DownloadNameTest {

    @Test
    void aChineseNameIsSentAsUtf8FilenameStarWithAnAsciiFallback() {
        assertThat(DownloadName.contentDisposition("答复 1.pdf")).isEqualTo(
                "attachment; filename=\"__ 1.pdf\"; filename*=UTF-8''%E7%AD%94%E5%A4%8D%201.pdf");
    }

    @Test
    void theEncodedNameDecodesToTheSameName() {
        String name = "信访事项答复意见书（2026）第12号 #1&2.pdf";
        String encoded = DownloadName.encode(name);
        assertThat(encoded).matches("[A-Za-z0-9%!#$&+\\-.^_`|~]+");
        assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(name);
    }

    @Test
    void quotesAndBackslashesCannotBreakOutOfTheQuotedFallback() {
        assertThat(DownloadName.asciiFallback("a\"b\\c;d.pdf")).isEqualTo("a_b_c;d.pdf");
        assertThat(DownloadName.encode("a\"b;c")).isEqualTo("a%22b%3Bc");
    }
}
