package org.lianxin.recording.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class S3SettingsTest {

    @Test
    void toStringAndDescribeNeverShowTheSecret() {
        S3Settings s = new S3Settings(URI.create("http://127.0.0.1:9000"), "us-east-1", "lianxin", "AKIA1",
                "very-secret-value");
        assertThat(s.toString()).doesNotContain("very-secret-value").contains("AKIA1", "lianxin", "***");
        assertThat(ObjectStores.s3(s).describe()).isEqualTo("s3 http://127.0.0.1:9000 bucket lianxin")
                .doesNotContain("very-secret-value");
    }

    @Test
    void everyBadSettingIsListedAtOnce() {
        assertThatThrownBy(() -> new S3Settings(URI.create("ftp://x"), null, "B_", " ", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("endpoint", "bucket", "access key", "secret key");
    }
}
