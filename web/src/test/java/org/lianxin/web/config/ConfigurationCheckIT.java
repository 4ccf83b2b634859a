package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.web.LianxinApplication;
import org.springframework.boot.SpringApplication;

/**
 * The application itself refuses to start with bad keys in several modules (scheduler, live rooms, recording) and
 * names every one of them in its one failure, before it makes any bean (no database, no Janus, no web server: the keys are checked first).
 */
class ConfigurationCheckIT {

    @Test
    void theApplicationRefusesToStartAndListsTheBadKeysOfEveryModuleAtOnce(@TempDir Path dir) {
        Throwable failure = catchThrowable(() -> SpringApplication.run(LianxinApplication.class,
                "--spring.profiles.active=prod",
                "--server.port=0",
                "--lianxin.data-dir=" + dir,
                "--spring.datasource.url=jdbc:h2:mem:configuration-check-it;DB_CLOSE_DELAY=-1",
                "--lianxin.scheduler.default-zone=Mars/Olympus",
                "--lianxin.scheduler.horizon=banana",
                "--lianxin.signaling.idle-timeout=1s",
                "--lianxin.signaling.janus-url=http://127.0.0.1:8188/",
                "--lianxin.recording.storage.type=s3",
                "--lianxin.recording.segment-length=1s"));

        assertThat(failure).isInstanceOf(BadConfiguration.class);
        assertThat(((BadConfiguration) failure).problems()).as(failure.getMessage()).containsExactly(
                "lianxin.personal-data.key: required in the prod profile (base64, at least 32 bytes; e.g."
                        + " `openssl rand -base64 32`); set it through the environment (LIANXIN_PERSONALDATA_KEY), or"
                        + " lianxin.personal-data.key-file; never in the repository, and kept with the backups'"
                        + " secrets: without it no stored full ID or phone number can be read",
                "lianxin.scheduler.horizon: cannot read 'banana' as Duration",
                "lianxin.scheduler.default-zone: unknown time zone 'Mars/Olympus'",
                "lianxin.scheduler.identity-key: required in the prod profile (base64, at least 16 bytes; e.g."
                        + " `openssl rand -base64 32`); set it through the environment (LIANXIN_SCHEDULER_IDENTITYKEY),"
                        + " never in the repository",
                "lianxin.signaling.token-secret: required in the prod profile (base64, at least 32 bytes; e.g."
                        + " `openssl rand -base64 32`); set it through the environment (LIANXIN_SIGNALING_TOKENSECRET),"
                        + " and the same on every node",
                "lianxin.signaling.idle-timeout: at least 5s, was PT1S",
                "lianxin.signaling.janus-url: must be ws:// or wss://, was http://127.0.0.1:8188/",
                "lianxin.recording.storage.s3.endpoint: required for storage type s3",
                "lianxin.recording.storage.s3.access-key: required for storage type s3",
                "lianxin.recording.storage.s3.secret-key: required for storage type s3 (set it in the environment)",
                "lianxin.recording.segment-length: at least 2s, was PT1S");
    }
}
