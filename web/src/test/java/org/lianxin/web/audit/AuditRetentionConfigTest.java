package org.lianxin.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lianxin.audit.retention} under six months stops the start with a clear message (网络安全法). */
class AuditRetentionConfigTest {

    private static List<String> problems(Duration retention) {
        List<String> problems = new ArrayList<>();
        AuditConfiguration.check(new AuditProperties(Duration.ofMinutes(10), null, retention, null, null), null,
                problems);
        return problems;
    }

    private static List<String> tsaProblems(String url, Path certificate) {
        List<String> problems = new ArrayList<>();
        AuditConfiguration.check(new AuditProperties(Duration.ofMinutes(10), null, Duration.ofDays(180),
                url == null ? null : URI.create(url), certificate), null, problems);
        return problems;
    }

    @Test
    void theTsaIsAnHttpAddressAndItsCertificateAReadableFile(@TempDir Path dir) throws Exception {
        assertThat(tsaProblems(null, null)).isEmpty();
        assertThat(tsaProblems("https://tsa.example.gov.cn/tsr", null)).isEmpty();
        assertThat(tsaProblems("http://127.0.0.1:8080/tsa", null)).isEmpty();
        assertThat(tsaProblems("ftp://tsa.example/", null)).singleElement().asString().contains("lianxin.audit.tsa-url");
        assertThat(tsaProblems("tsa.example", null)).singleElement().asString().contains("lianxin.audit.tsa-url");
        assertThat(tsaProblems(null, dir.resolve("missing.pem"))).singleElement().asString()
                .contains("lianxin.audit.tsa-certificate");
        Path pem = Files.writeString(dir.resolve("tsa.pem"), "x");
        assertThat(tsaProblems(null, pem)).isEmpty();
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
