package org.lianxin.web.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void aHeaderInTheChosenLanguageThenOneQuotedLineAnEntry() {
        AuditEntryView e = new AuditEntryView(7, Instant.parse("2026-12-02T08:00:00Z"), "cd.scheduler", "SCHEDULER",
                3L, "booking.create", "booking", "=1+1", "ALLOWED", "127.0.0.1", "r-1", "{\"op\":\"post\",\"a\":\"b\"}",
                "ab");
        String zh = new String(AuditCsv.of(List.of(e), false), StandardCharsets.UTF_8);
        assertThat(zh).startsWith("\uFEFF序号,时间,用户");
        assertThat(zh.split("\r\n")).hasSize(2);
        assertThat(zh.split("\r\n")[1]).isEqualTo("7,2026-12-02T08:00:00Z,cd.scheduler,SCHEDULER,3,booking.create,"
                + "booking,'=1+1,ALLOWED,127.0.0.1,r-1,\"{\"\"op\"\":\"\"post\"\",\"\"a\"\":\"\"b\"\"}\",ab");
        assertThat(new String(AuditCsv.of(List.of(), true), StandardCharsets.UTF_8)).isEqualTo(
                "\uFEFFSeq,Time,User,Role,Office id,Action,Object type,Object id,Outcome,Client address,Request id,"
                        + "Details,Hash\r\n");
    }
}
