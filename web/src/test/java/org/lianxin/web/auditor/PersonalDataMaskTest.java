package org.lianxin.web.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataMaskTest {

    @Test
    void idAndPhoneNumbersAreMaskedInsideText() {
        assertThat(PersonalDataMask.mask("{\"q\":\"51010419800101123X\"}")).isEqualTo("{\"q\":\"5101**********123X\"}");
        assertThat(PersonalDataMask.mask("电话13812345678。")).isEqualTo("电话138****5678。");
        assertThat(PersonalDataMask.mask("510104198001011234 and 13912345678"))
                .isEqualTo("5101**********1234 and 139****5678");
    }

    @Test
    void otherNumbersStay() {
        assertThat(PersonalDataMask.mask("booking 123456, seq 1234567890123, at 2026-12-02T16:10:00Z"))
                .isEqualTo("booking 123456, seq 1234567890123, at 2026-12-02T16:10:00Z");
        assertThat(PersonalDataMask.mask("23812345678")).isEqualTo("23812345678");
        assertThat(PersonalDataMask.mask("5101041980010112345")).isEqualTo("5101041980010112345");
        assertThat(PersonalDataMask.mask(null)).isNull();
    }
}
