package org.lianxin.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code lianxin.audit.retention} under six months stops the start with a clear message (网络安全法). */
class AuditRetentionConfigTest {

    private static List<String> problems(Duration retention) {
        List<String> problems = new ArrayList<>();
        AuditConfiguration.check(new AuditProperties(Duration.ofMinutes(10), null, retention), null, problems);
        return problems;
    }

    @Test
    void lessThan180DaysIsRefused() {
        assertThat(problems(Duration.ofDays(179))).singleElement().asString()
                .contains("lianxin.audit.retention").contains("at least 180d").contains("179 days").contains("网络安全法");
        assertThat(problems(Duration.ofHours(1))).hasSize(1);
    }

    @Test
    void sixMonthsOrMoreIsAccepted() {
        assertThat(problems(Duration.ofDays(180))).isEmpty();
        assertThat(problems(Duration.ofDays(3650))).isEmpty();
    }
}
