package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lianxin.web.pages.PageAudit.Text;

/** The pure text checks of {@link PageAudit}, on the examples issue 9 found in the pages. */
class PageAuditTest {
    private static final Set<String> KEYS = Set.of("review.action.verify", "rule.in-past", "kiosk.next");
    private static final Set<String> PREFIXES = Set.of("review.", "rule.", "kiosk.");

    private static Text zh(String text) {
        return new Text(text, "zh", false);
    }

    private static Text en(String text) {
        return new Text(text, "en", false);
    }

    @Test
    void rawKeysAndEnumNamesAreFoundButFileNamesAndDataAreNot() {
        assertThat(PageAudit.rawKeys(List.of(zh("操作 review.action.VERIFY")), KEYS, PREFIXES))
                .singleElement().asString().contains("review.action.VERIFY");
        assertThat(PageAudit.rawKeys(List.of(zh("kiosk.next")), KEYS, PREFIXES)).hasSize(1);
        assertThat(PageAudit.rawKeys(List.of(zh("结果 IDENTITY_MISMATCH"), en("STOPPED_PUBLISHING at 10:00")), KEYS,
                PREFIXES)).hasSize(2);
        assertThat(PageAudit.rawKeys(List.of(zh("review.mp4"), zh("见 example.org"), new Text("A_B_C", "zh", true)),
                KEYS, PREFIXES)).isEmpty();
    }

    @Test
    void aChinesePageMayNotShowEnglishWordsExceptCodesNamesAndMarkedText() {
        Set<String> allowed = Set.of("ID", "MP4", "SHA-256");
        assertThat(PageAudit.otherLanguage(List.of(zh("身份证号码与案件登记的不一致：the ID-card number does not match")),
                "zh", allowed)).isNotEmpty();
        assertThat(PageAudit.otherLanguage(List.of(zh("结束 HOST")), "zh", allowed)).hasSize(1);
        assertThat(PageAudit.otherLanguage(List.of(zh("下载 MP4 文件，校验 SHA-256"), zh("12/02/2026 10:00"),
                new Text("English", "en", false), new Text("janus-000000.mkv", "zh", true)), "zh", allowed)).isEmpty();
    }

    @Test
    void anEnglishPageMayNotShowChineseFullWidthPunctuationOrRawCapitalsExceptNames() {
        Set<String> allowed = Set.of("韩平", "一号接访室", "ID");
        assertThat(PageAudit.otherLanguage(List.of(en("Ended by 结束")), "en", allowed)).hasSize(1);
        assertThat(PageAudit.otherLanguage(List.of(en("Recording（composed）")), "en", allowed)).hasSize(2);
        assertThat(PageAudit.otherLanguage(List.of(en("PUBLISHING")), "en", allowed)).hasSize(1);
        assertThat(PageAudit.otherLanguage(List.of(en("韩平 received the petitioner in 一号接访室; ID checked")), "en",
                allowed)).isEmpty();
        assertThat(PageAudit.otherLanguage(List.of(new Text("中文", "zh", false)), "en", allowed)).isEmpty();
    }
}
