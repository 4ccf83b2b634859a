package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.web.live.LiveConfiguration;
import org.lianxin.web.recording.RecordingConfiguration;
import org.springframework.mock.env.MockEnvironment;

/**
 * The start-up check binds and checks every module's keys together and lists every problem at once: unreadable
 * values, broken annotations and each module's own rules, of the scheduler, the live rooms and the recording alike.
 */
class ConfigurationCheckTest {
    private static final String KEY16 = "bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz";
    private static final String SECRET32 = "bGl2ZS1pdC10b2tlbi1zZWNyZXQtb2YtMzItYnl0ZXMhIQ==";

    private static List<String> problems(MockEnvironment env) {
        return ConfigurationCheck.problems(env, List.of(SchedulerConfiguration.schedulerKeys(),
                LiveConfiguration.signalingKeys(), RecordingConfiguration.recordingKeys()));
    }

    @Test
    void theDefaultsAreFine(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment().withProperty("lianxin.data-dir", dir.toString());
        assertThat(problems(env)).isEmpty();
        assertThat(dir.resolve("identity.key")).as("the check generates nothing").doesNotExist();
    }

    @Test
    void badValuesOfSeveralModulesAreAllListedAtOnce(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment()
                .withProperty("lianxin.data-dir", dir.toString())
                .withProperty("lianxin.scheduler.horizon", "banana")
                .withProperty("lianxin.scheduler.default-zone", "Mars/Olympus")
                .withProperty("lianxin.scheduler.check-in-opens-before", "-5m")
                .withProperty("lianxin.scheduler.identity-key", "not base64!")
                .withProperty("lianxin.signaling.janus-url", "http://127.0.0.1:8188/")
                .withProperty("lianxin.signaling.idle-timeout", "1s")
                .withProperty("lianxin.signaling.token-ttl", "soon")
                .withProperty("lianxin.signaling.room-opens-before", "-1m")
                .withProperty("lianxin.signaling.token-secret", "c2hvcnQ=");
        List<String> problems = problems(env);
        assertThat(problems).as(String.join("\n", problems)).hasSize(9);
        assertThat(String.join("\n", problems))
                .contains("lianxin.scheduler.horizon: cannot read 'banana' as Duration")
                .contains("lianxin.scheduler.default-zone: unknown time zone 'Mars/Olympus'")
                .contains("lianxin.scheduler.check-in-opens-before: must not be negative")
                .contains("lianxin.scheduler.identity-key: not valid base64")
                .contains("lianxin.signaling.janus-url: must be ws:// or wss://")
                .contains("lianxin.signaling.idle-timeout: at least 5s")
                .contains("lianxin.signaling.token-ttl: cannot read 'soon' as Duration")
                .contains("lianxin.signaling.room-opens-before: must not be negative")
                .contains("lianxin.signaling.token-secret: must decode to at least 32 bytes, has 5");
    }

    @Test
    void badRecordingKeysAreListedWithTheOtherModulesProblemsInOneList(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment()
                .withProperty("lianxin.data-dir", dir.toString())
                .withProperty("lianxin.scheduler.horizon", "banana")
                .withProperty("lianxin.signaling.idle-timeout", "1s")
                .withProperty("lianxin.recording.storage.type", "s3")
                .withProperty("lianxin.recording.rtp-port-min", "31000")
                .withProperty("lianxin.recording.segment-length", "1s")
                .withProperty("lianxin.recording.live-compositions", "-1");
        List<String> problems = problems(env);
        assertThat(problems).as(String.join("\n", problems)).containsExactly(
                "lianxin.scheduler.horizon: cannot read 'banana' as Duration",
                "lianxin.signaling.idle-timeout: at least 5s, was PT1S",
                "lianxin.recording.live-compositions: must be greater than or equal to 0",
                "lianxin.recording.storage.s3.endpoint: required for storage type s3",
                "lianxin.recording.storage.s3.access-key: required for storage type s3",
                "lianxin.recording.storage.s3.secret-key: required for storage type s3 (set it in the environment)",
                "lianxin.recording.rtp-port-min: must be below rtp-port-max (30999), was 31000",
                "lianxin.recording.segment-length: at least 2s, was PT1S");

        env.setProperty("lianxin.recording.storage.type", "ftp");
        assertThat(problems(env)).contains("lianxin.recording.storage.type: local or s3, was ftp")
                .noneMatch(p -> p.startsWith("lianxin.recording.storage.s3."));
        env.setProperty("lianxin.recording.storage.type", "S3");
        env.setProperty("lianxin.recording.storage.s3.endpoint", "http://127.0.0.1:9000");
        env.setProperty("lianxin.recording.storage.s3.access-key", "lianxin");
        env.setProperty("lianxin.recording.storage.s3.secret-key", "not-in-the-repository");
        assertThat(problems(env)).noneMatch(p -> p.startsWith("lianxin.recording.storage"));
    }

    @Test
    void theProdProfileListsEverySecretItLacksBesideAnnotationsBroken(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment()
                .withProperty("lianxin.data-dir", dir.toString())
                .withProperty("lianxin.scheduler.default-zone", " ");
        env.setActiveProfiles("prod");
        List<String> problems = problems(env);
        assertThat(String.join("\n", problems))
                .contains("lianxin.scheduler.identity-key: required in the prod profile")
                .contains("(LIANXIN_SCHEDULER_IDENTITYKEY), never in the repository")
                .contains("lianxin.signaling.token-secret: required in the prod profile")
                .contains("(LIANXIN_SIGNALING_TOKENSECRET), and the same on every node")
                .contains("lianxin.scheduler.default-zone: must not be blank");
        assertThat(problems).hasSize(4); // the blank zone is also no known zone
    }

    @Test
    void nestedKeysAreNamedAsTheyAreWrittenForAModuleWithNestedRecords(@TempDir Path dir) {
        // the recording's keys, checked by their annotations only (its rules: badRecordingKeysAreListed…)
        MockEnvironment env = new MockEnvironment().withProperty("lianxin.data-dir", dir.toString())
                .withProperty("lianxin.recording.storage.type", " ")
                .withProperty("lianxin.recording.rtp-port-min", "80")
                .withProperty("lianxin.recording.live-compositions", "many")
                .withProperty("lianxin.recording.compose-fps", "0")
                .withProperty("lianxin.recording.compose-nice", "20");
        List<String> problems = ConfigurationCheck.problems(env, List.of(CheckedProperties.annotated(
                "lianxin.recording", org.lianxin.web.recording.RecordingProperties.class)));
        assertThat(problems).as(String.join("\n", problems)).containsExactlyInAnyOrder(
                "lianxin.recording.live-compositions: cannot read 'many' as int",
                "lianxin.recording.storage.type: must not be blank",
                "lianxin.recording.rtp-port-min: must be greater than or equal to 1024",
                "lianxin.recording.compose-fps: must be greater than or equal to 1",
                "lianxin.recording.compose-nice: must be less than or equal to 19");
    }

    @Test
    void composingKeysAreReadAndCheckedTogether(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment().withProperty("lianxin.data-dir", dir.toString())
                .withProperty("lianxin.scheduler.identity-key", KEY16)
                .withProperty("lianxin.signaling.token-secret", SECRET32)
                .withProperty("lianxin.recording.composing.where", "compose-nodes")
                .withProperty("lianxin.recording.composing.worker", "true");
        assertThat(problems(env)).as("an app node and a compose node in one: fine").isEmpty();

        env.setProperty("lianxin.recording.compose", "false");
        env.setProperty("lianxin.recording.composing.lease", "1s");
        env.setProperty("lianxin.recording.composing.poll", "5s");
        List<String> problems = problems(env);
        assertThat(problems).as(String.join("\n", problems)).containsExactlyInAnyOrder(
                "lianxin.recording.composing.where: compose-nodes needs lianxin.recording.compose=true"
                        + " (no review files are made with compose=false)",
                "lianxin.recording.composing.worker: a compose node needs lianxin.recording.compose=true",
                "lianxin.recording.composing.lease: at least 3s, was PT1S",
                "lianxin.recording.composing.poll: must be below lease (PT1S), was PT5S");

        env.setProperty("lianxin.recording.composing.where", "elsewhere");
        assertThat(String.join("\n", problems(env))).contains("lianxin.recording.composing.where: cannot read"
                + " 'elsewhere'");
    }

    @Test
    void aGeneratedKeyThatWasDamagedIsFoundToo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("signaling-token.key"), "c2hvcnQ=\n");
        MockEnvironment env = new MockEnvironment().withProperty("lianxin.data-dir", dir.toString())
                .withProperty("lianxin.scheduler.identity-key", KEY16)
                .withProperty("lianxin.signaling.token-secret", "");
        assertThat(problems(env)).singleElement().asString()
                .startsWith("lianxin.signaling.token-secret (generated into ")
                .endsWith("must decode to at least 32 bytes, has 5");
        env.setProperty("lianxin.signaling.token-secret", SECRET32);
        assertThat(problems(env)).isEmpty();
    }
}
