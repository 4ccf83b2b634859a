package org.lianxin.notification;

import java.time.Instant;

/**
 * A notice in the outbox, as administrators see it (never its body).
 *
 * @param recipient     {@link Recipient#encode()}
 * @param scopeOfficeId the office it belongs to, or null
 * @param lastError     why the last attempt failed, or null
 */
public record OutboxEntry(long id, NoticeKind kind, String recipient, Long scopeOfficeId, String subject,
                          String dedupeKey, OutboxState state, int attempts, String lastError, Instant createdAt,
                          Instant lastAttemptAt, Instant nextAttemptAt, Instant sentAt) {
}
