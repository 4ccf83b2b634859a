package org.lianxin.web.recording;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checks and the start-up line of {@code lianxin.recording.composing.*} (where the review files are composed). */
final class ComposingKeys {
    private static final Logger log = LoggerFactory.getLogger(ComposingKeys.class);

    /** After storage was down, when a compose worker's composition may be claimed again. */
    static final Duration STORAGE_RETRY = Duration.ofSeconds(30);

    private ComposingKeys() {
    }

    static void check(RecordingProperties props, List<String> problems) {
        RecordingProperties.Composing c = props.composing();
        if (c == null) {
            return; // (reported by its annotation)
        }
        if (!props.compose() && c.where() == RecordingProperties.ComposeWhere.COMPOSE_NODES) {
            problems.add("lianxin.recording.composing.where: compose-nodes needs lianxin.recording.compose=true"
                    + " (no review files are made with compose=false)");
        }
        if (!props.compose() && c.worker()) {
            problems.add("lianxin.recording.composing.worker: a compose node needs lianxin.recording.compose=true");
        }
        if (c.lease() != null && c.lease().compareTo(Duration.ofSeconds(3)) < 0) {
            problems.add("lianxin.recording.composing.lease: at least 3s, was " + c.lease());
        }
        if (c.poll() != null && (c.poll().isNegative() || c.poll().isZero())) {
            problems.add("lianxin.recording.composing.poll: must be positive, was " + c.poll());
        } else if (c.poll() != null && c.lease() != null && c.poll().compareTo(c.lease()) >= 0) {
            problems.add("lianxin.recording.composing.poll: must be below lease (" + c.lease() + "), was " + c.poll());
        }
    }

    static void logRole(RecordingProperties props) {
        RecordingProperties.Composing c = props.composing();
        if (!props.compose()) {
            return;
        }
        if (c.where() == RecordingProperties.ComposeWhere.COMPOSE_NODES) {
            log.info("review files composed on the compose nodes (lianxin.recording.composing.where=compose-nodes): this"
                    + " node records raw tracks and queues each ended recording; live-compositions is not used");
        } else {
            log.info("review files composed on this node (lianxin.recording.composing.where=here), {} live",
                    props.liveCompositions());
        }
        if (c.worker()) {
            log.info("compose node: composing the recordings queued for the compose nodes (lianxin.recording"
                    + ".composing.worker=true, lease {}, looks every {})", c.lease(), c.poll());
            if (props.storage().type().equalsIgnoreCase("local")) {
                log.warn("compose node with a local storage folder: it must be the folder the app nodes store to"
                        + " (one machine, or a shared folder)");
            }
        } else {
            log.info("compose node: off (lianxin.recording.composing.worker)");
        }
    }
}
