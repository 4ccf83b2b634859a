package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.lianxin.recording.ComposeQueueMetrics;
import org.lianxin.recording.Recording;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link RecordedReceptionIT} with the production template's composing: the application as an app node
 * ({@code lianxin.recording.composing.where=compose-nodes}: raw tracks only, the ended recording queued) and as a
 * compose node too ({@code composing.worker=true}: the Spring-wired worker takes the recording from the queue, composes
 * it from storage and stores the review file) — the same checks, the review file included. Its reception is shorter
 * ({@link #session()}: two segments a track, ≈ 20 s): what it adds to {@link RecordedReceptionIT} is where the review
 * file is composed, not how long a reception records well.
 */
class RecordedReceptionOnComposeNodeIT extends RecordedReceptionIT {

    @DynamicPropertySource
    static void composeNode(DynamicPropertyRegistry r) {
        r.add("lianxin.recording.composing.where", () -> "compose-nodes");
        r.add("lianxin.recording.composing.worker", () -> "true");
    }

    @Autowired
    MeterRegistry meters;

    /** 15 s of media chained a track: the second ≈ 10 s segment closed, so ≈ 20 s of reception and two segments. */
    @Override
    Duration session() {
        return Duration.ofSeconds(15);
    }

    /**
     * On a compose node: the key of the worker's claim (its fencing epoch, V36). Also (the review file is DONE by
     * now): the Spring-wired queue metrics show the queue empty and this node's composition done.
     */
    @Override
    String composedKey(long id) {
        assertThat(meters.get(ComposeQueueMetrics.DEPTH).tag("state", "waiting").gauge().value()).isZero();
        RecordingChecks.await("the compose node's jobs{outcome=done} counts it", Duration.ofSeconds(10),
                () -> meters.get(ComposeQueueMetrics.JOBS).tag("outcome", "done").functionCounter().count() == 1
                        ? Boolean.TRUE : null);
        return Recording.composedKey(id, catalog.composeLease(id).orElseThrow().epoch());
    }
}
