package org.lianxin.topics;

import java.time.Instant;
import java.util.Objects;

/**
 * The topics a key has had, as far as the rule needs them.
 *
 * @param openTopicId  the key's topic that is not closed (OPEN or FOLLOWED), else null
 * @param lastClosedAt when the key's last topic was closed, else null: matters filed until then were dealt with by
 *                     that topic's conclusion and never count again
 */
public record KeyState(TopicKey key, Long openTopicId, Instant lastClosedAt) {
    public KeyState {
        Objects.requireNonNull(key, "key");
    }

    /** A key that never had a topic. */
    public static KeyState fresh(TopicKey key) {
        return new KeyState(key, null, null);
    }
}
