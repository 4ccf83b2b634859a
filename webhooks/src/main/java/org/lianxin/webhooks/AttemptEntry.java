package org.lianxin.webhooks;

import java.time.Instant;

/**
 * One attempt of a delivery: what the endpoint answered and how fast.
 *
 * @param status   the HTTP status, or null when there was no answer
 * @param response the first KiB of the answer's body (as text), or null
 * @param error    why there was no answer (timeout, connection refused), or null
 * @param node     the app instance that sent it
 */
public record AttemptEntry(long id, long deliveryId, int attempt, Instant startedAt, Integer status, long latencyMs,
                           String response, String error, String node) {
}
