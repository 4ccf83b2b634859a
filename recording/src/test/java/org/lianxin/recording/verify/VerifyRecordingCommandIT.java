package org.lianxin.recording.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.testing.TestS3;

/** The command against S3 (S3Proxy), configured only through the environment. */
class VerifyRecordingCommandIT {

    @Test
    void verifiesARecordingInS3AndReportsAnOutageWithExitTwo() {
        try (TestS3 s3 = TestS3.started()) {
            Manifest m = RecordingFixture.store(ObjectStores.s3(s3.settings("verify")), 31, 4);
            Map<String, String> env = Map.of("LIANXIN_RECORDING_STORAGE_TYPE", "s3",
                    "LIANXIN_RECORDING_STORAGE_S3_ENDPOINT", s3.endpoint().toString(),
                    "LIANXIN_RECORDING_STORAGE_S3_REGION", TestS3.REGION,
                    "LIANXIN_RECORDING_STORAGE_S3_BUCKET", "verify",
                    "LIANXIN_RECORDING_STORAGE_S3_ACCESS_KEY", TestS3.ACCESS_KEY,
                    "LIANXIN_RECORDING_STORAGE_S3_SECRET_KEY", TestS3.SECRET_KEY);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = VerifyRecordingCommand.run(new String[] {"31"}, env, new PrintStream(out, true),
                    new PrintStream(err, true));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(
                    "OK recording 31: 4 segments, chain head " + m.chainHead().substring(0, 16));

            s3.stop();
            out.reset();
            code = VerifyRecordingCommand.run(new String[] {"31"}, env, new PrintStream(out, true),
                    new PrintStream(err, true));
            assertThat(code).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach the server")
                    .doesNotContain(TestS3.SECRET_KEY);
        }
    }
}
