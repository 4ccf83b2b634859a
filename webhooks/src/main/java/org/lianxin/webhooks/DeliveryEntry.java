package org.lianxin.webhooks;

import java.time.Instant;

/**
 * One event's delivery to one endpoint, for the delivery log.
 *
 * @param msgId      the {@code webhook-id} header, the same on every attempt
 * @param lastStatus the HTTP status of the last attempt, or null (no answer: timeout, refused)
 */
public record DeliveryEntry(long id, long endpointId, String msgId, String eventType, String caseKey,
                            DeliveryState state, int attempts, Instant createdAt, Instant lastAttemptAt,
                            Instant nextAttemptAt, Instant deliveredAt, Integer lastStatus, String lastError) {
}
