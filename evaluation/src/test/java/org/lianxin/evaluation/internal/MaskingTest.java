package org.lianxin.evaluation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(value = {"王小明|王**", "欧阳修|欧**", "李|李**", " 张三 |张**", "Smith|S**", "𠮷田|𠮷**", "NULL|**", "'   '|**"},
            delimiter = '|', nullValues = "NULL")
    void keepsTheFirstCharacterOnly(String name, String masked) {
        assertThat(Masking.name(name)).isEqualTo(masked);
    }
}
