package org.lianxin.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextInputTest {

    @Test
    void plainTextTabsAndOtherScriptsPass() {
        assertThat(TextInput.check("房屋征收\t补偿 😀 ١٢٣ é", false)).isEqualTo("房屋征收\t补偿 😀 ١٢٣ é");
        assertThat(TextInput.check(null, false)).isNull();
        assertThat(TextInput.check("", false)).isEmpty();
    }

    @Test
    void everyControlCharacterButTheTabIsRefusedInOneLine() {
        for (char c = 0; c < 0x20; c++) {
            if (c == '\t') continue;
            char bad = c;
            assertThatThrownBy(() -> TextInput.check("a" + bad + "b", false)).isInstanceOf(InputRefused.class)
                    .satisfies(e -> assertThat(((InputRefused) e).rule()).isEqualTo("control-character"))
                    .hasMessageContaining(String.format("U+%04X", (int) bad)).hasMessageContaining("position 2");
        }
        for (char c = 0x7f; c <= 0x9f; c++) {
            char bad = c;
            assertThatThrownBy(() -> TextInput.check("x" + bad, false)).isInstanceOf(InputRefused.class);
        }
    }

    @Test
    void aMultiLineFieldTakesLineFeedsAndCrLfButNoLoneCarriageReturn() {
        assertThat(TextInput.check("一\n二\r\n三", true)).isEqualTo("一\n二\r\n三");
        assertThatThrownBy(() -> TextInput.check("一\r二", true)).isInstanceOf(InputRefused.class);
        assertThatThrownBy(() -> TextInput.check("一\r", true)).isInstanceOf(InputRefused.class);
        assertThatThrownBy(() -> TextInput.check("一\u0007", true)).isInstanceOf(InputRefused.class);
        assertThatThrownBy(() -> TextInput.check("一\n二", false)).isInstanceOf(InputRefused.class)
                .hasMessageContaining("no line breaks");
    }

    @Test
    void aLoneSurrogateIsRefused() {
        assertThatThrownBy(() -> TextInput.check("a\ud83d", false)).isInstanceOf(InputRefused.class);
        assertThatThrownBy(() -> TextInput.check("\ude00b", false)).isInstanceOf(InputRefused.class);
    }
}
