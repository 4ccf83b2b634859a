package org.lianxin.signaling.media;

import java.time.Instant;

/**
 * Whether the media node is reachable right now.
 *
 * @param since  when it last became reachable or unreachable
 * @param detail a short human-readable reason (never secrets)
 */
public record MediaHealth(String node, boolean reachable, Instant since, String detail) {
}
