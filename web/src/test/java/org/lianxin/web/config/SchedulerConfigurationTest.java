package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.scheduler.SchedulerSettings;
import org.springframework.mock.env.MockEnvironment;

class SchedulerConfigurationTest {
    private final SchedulerConfiguration config = new SchedulerConfiguration();

    private static LianxinProperties app(Path dir) {
        return new LianxinProperties(dir, new LianxinProperties.Demo(null));
    }

    @Test
    void withoutAKeyOneIsGeneratedOnceIntoTheDataDirReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        SchedulerProperties props = new SchedulerProperties(Duration.ofDays(60), "Asia/Shanghai", null,
                Duration.ofMinutes(15));
        SchedulerSettings first = config.schedulerSettings(props, app(dir), new MockEnvironment());
        SchedulerSettings second = config.schedulerSettings(props, app(dir), new MockEnvironment());

        Path file = dir.resolve("identity.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.identityKey()).hasSize(32).isEqualTo(second.identityKey());
        assertThat(first.horizon()).isEqualTo(Duration.ofDays(60));
        assertThat(first.defaultZone().getId()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void theProdProfileRefusesToStartWithoutAKeyAndListsEveryError(@TempDir Path dir) {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        SchedulerProperties props = new SchedulerProperties(Duration.ofDays(60), "Mars/Olympus", null,
                Duration.ofMinutes(15));
        assertThatThrownBy(() -> config.schedulerSettings(props, app(dir), prod))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lianxin.scheduler.identity-key: required in the prod profile")
                .hasMessageContaining("lianxin.scheduler.default-zone");
        assertThat(dir.resolve("identity.key")).doesNotExist();
    }

    @Test
    void aShortOrGarbledKeyIsRefused(@TempDir Path dir) {
        String shortKey = Base64.getEncoder().encodeToString(new byte[8]);
        assertThatThrownBy(() -> config.schedulerSettings(
                new SchedulerProperties(Duration.ofDays(60), "Asia/Shanghai", shortKey, Duration.ofMinutes(15)), app(dir), new MockEnvironment()))
                .hasMessageContaining("at least 16 bytes");
        assertThatThrownBy(() -> config.schedulerSettings(
                new SchedulerProperties(Duration.ofDays(60), "Asia/Shanghai", "not base64!",
                        Duration.ofMinutes(15)), app(dir), new MockEnvironment()))
                .hasMessageContaining("not valid base64");
    }

    @Test
    void theCheckInWindowIsTakenFromItsKeyAndANegativeOneIsRefused(@TempDir Path dir) {
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        SchedulerSettings settings = config.schedulerSettings(
                new SchedulerProperties(Duration.ofDays(60), "Asia/Shanghai", key, Duration.ofMinutes(30)), app(dir),
                new MockEnvironment());
        assertThat(settings.checkInOpensBefore()).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> config.schedulerSettings(
                new SchedulerProperties(Duration.ofDays(-1), "Asia/Shanghai", key, Duration.ofMinutes(-5)), app(dir),
                new MockEnvironment()))
                .hasMessageContaining("lianxin.scheduler.check-in-opens-before: must not be negative")
                .hasMessageContaining("lianxin.scheduler.horizon");
    }
}
