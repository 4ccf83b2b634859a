package org.lianxin.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.RuleViolation;

class OfficeCsvTest {
    @Test
    void parsesRowsSkippingBlanksAndComments() {
        var rows = JdbcOffices.parse(new StringReader("\uFEFFcode,name,name_en,level,parent_code,zone\n"
                + "# cities\n510100,成都市,Chengdu,CITY,510000,\n\n510104,锦江区,,COUNTY,510100,Asia/Shanghai\n"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).level()).isEqualTo(OfficeLevel.CITY);
        assertThat(rows.get(0).zone()).isNull();
        assertThat(rows.get(1).nameEn()).isNull();
        assertThat(rows.get(1).zone()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void namesTheLineOfABadRow() {
        assertThatThrownBy(() -> JdbcOffices.parse(new StringReader("code,name,name_en,level,parent_code,zone\n"
                + "510100,成都市,Chengdu,CITY,510000,\n510104,锦江区,,TOWN,510100,\n")))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> JdbcOffices.parse(new StringReader("id,name\n")))
                .isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).rule()).isEqualTo("csv-header");
    }
}
