package org.lianxin.web.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrictNumbersTest {

    @Test
    void anIdIsAsciiDigits() {
        assertThat(StrictNumbers.id("16")).isEqualTo(16L);
        assertThat(StrictNumbers.id("016")).isEqualTo(16L);
        assertThat(StrictNumbers.id("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
        assertThat(StrictNumbers.id("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(StrictNumbers.id("")).isNull();
        for (String bad : new String[] {" 1", "1 ", "0x10", "+1", "-1", "١٦", "１６", "1.0", "1e1", "1_0",
                "9999999999999999999", "9223372036854775808", "\u00001"}) {
            assertThatThrownBy(() -> StrictNumbers.id(bad)).as(bad).isInstanceOf(InputRefused.class)
                    .satisfies(e -> assertThat(((InputRefused) e).rule()).isEqualTo("malformed-id"));
        }
    }

    @Test
    void theRefusalEchoesNoControlCharacter() {
        assertThatThrownBy(() -> StrictNumbers.id("1\r\n2")).hasMessageContaining("1\\u000d\\u000a2");
    }

    @Test
    void anIntegerMayBeNegativeButIsAsciiDigits() {
        assertThat(StrictNumbers.integer("-5")).isEqualTo(-5);
        assertThat(StrictNumbers.integer("30")).isEqualTo(30);
        assertThat(StrictNumbers.integer("-2147483648")).isEqualTo(Integer.MIN_VALUE);
        assertThat(StrictNumbers.integer("2147483647")).isEqualTo(Integer.MAX_VALUE);
        for (String bad : new String[] {"-", " 5", "0x5", "+5", "٥", "5.5", "9999999999", "2147483648"}) {
            assertThatThrownBy(() -> StrictNumbers.integer(bad)).as(bad).isInstanceOf(InputRefused.class)
                    .satisfies(e -> assertThat(((InputRefused) e).rule()).isEqualTo("malformed-number"));
        }
    }
}
