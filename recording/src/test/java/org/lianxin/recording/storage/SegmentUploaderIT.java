package org.lianxin.recording.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.testing.TestS3;
import org.slf4j.LoggerFactory;

/** The uploader against a real S3 server that goes away for ~3 s in the middle of a recording. */
class SegmentUploaderIT {

    @TempDir
    Path tmp;

    @Test
    void aThreeSecondStorageOutageLosesNothingAndKeepsTheOrder() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(SegmentUploader.class);
        logger.addAppender(logs);
        try (TestS3 s3 = TestS3.started()) {
            ObjectStore store = ObjectStores.s3(s3.settings("uploader"));
            List<String> done = Collections.synchronizedList(new ArrayList<>());
            List<String> keys = new ArrayList<>();
            try (SegmentUploader uploader = new SegmentUploader(store, Duration.ofMillis(100), Duration.ofMillis(800))) {
                uploader.start();
                for (int i = 0; i < 30; i++) {
                    if (i == 10) {
                        assertThat(uploader.awaitIdle(Duration.ofSeconds(20))).isTrue();
                        s3.stop();
                    }
                    String key = "recordings/9/s0-p1/" + String.format("%06d", i) + ".mkv";
                    keys.add(key);
                    Path f = Files.writeString(tmp.resolve(i + ".mkv"), "segment " + i + " ".repeat(i * 1000));
                    uploader.submit(key, f, "video/x-matroska", () -> done.add(key));
                    Thread.sleep(100); // a segment closes every 100 ms: 3 s of them pile up during the outage
                }
                assertThat(uploader.pending()).as("waiting during the outage").isGreaterThanOrEqualTo(15);
                s3.restart();
                assertThat(uploader.awaitIdle(Duration.ofSeconds(30))).isTrue();
            }
            assertThat(done).containsExactlyElementsOf(keys);
            assertThat(store.list("recordings/9/")).extracting(ObjectStore.ObjectInfo::key)
                    .containsExactlyElementsOf(keys);
            for (int i = 0; i < 30; i++) {
                try (InputStream in = store.get(keys.get(i))) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("segment " + i + " ".repeat(i * 1000));
                }
                assertThat(tmp.resolve(i + ".mkv")).doesNotExist();
            }
            assertThat(logs.list.stream().filter(e -> e.getLevel() == Level.WARN)).hasSize(1);
            assertThat(logs.list.stream().filter(e -> e.getFormattedMessage().contains("works again"))).hasSize(1);
        } finally {
            logger.detachAppender(logs);
        }
    }
}
