package org.lianxin.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IcsFeedTest {
    @Test
    void storedControlCharactersNeverReachTheFeed() {
        // a lone CR and CRLF are line breaks; BEL, ESC, NUL, DEL and C1 controls are dropped; the tab stays
        assertThat(IcsFeed.text("a\rb\r\nc\u0007d\u001b[31me\u0000f\u007fg\u0085h\ti"))
                .isEqualTo("a\\nb\\nc" + "d[31mefgh\ti");
        assertThat(IcsFeed.text("\ud83d\ude00 ok \ud83d")).isEqualTo("\ud83d\ude00 ok ");
        assertThat(IcsFeed.text(null)).isEmpty();
    }

    @Test
    void textIsEscapedAsRfc5545Says() {
        assertThat(IcsFeed.text("a,b;c\\d\ne")).isEqualTo("a\\,b\\;c\\\\d\\ne");
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingAChineseCharacter() {
        StringBuilder out = new StringBuilder();
        IcsFeed.line(out, "SUMMARY:" + "接访".repeat(40));
        String[] lines = out.toString().split("\r\n");
        assertThat(lines.length).isGreaterThan(1);
        for (String l : lines) {
            assertThat(l.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        for (int i = 1; i < lines.length; i++) assertThat(lines[i]).startsWith(" ");
        String unfolded = out.toString().replace("\r\n ", "").replace("\r\n", "");
        assertThat(unfolded).isEqualTo("SUMMARY:" + "接访".repeat(40));
    }
}
