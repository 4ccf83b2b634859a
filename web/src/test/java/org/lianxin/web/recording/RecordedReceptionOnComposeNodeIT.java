package org.lianxin.web.recording;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link RecordedReceptionIT} with the production template's composing: the application as an app node
 * ({@code lianxin.recording.composing.where=compose-nodes}: raw tracks only, the ended recording queued) and as a
 * compose node too ({@code composing.worker=true}: the Spring-wired worker takes the recording from the queue, composes
 * it from storage and stores the review file) — the same checks, the review file included.
 */
class RecordedReceptionOnComposeNodeIT extends RecordedReceptionIT {

    @DynamicPropertySource
    static void composeNode(DynamicPropertyRegistry r) {
        r.add("lianxin.recording.composing.where", () -> "compose-nodes");
        r.add("lianxin.recording.composing.worker", () -> "true");
    }
}
