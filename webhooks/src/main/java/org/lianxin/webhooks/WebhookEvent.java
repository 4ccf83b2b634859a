package org.lianxin.webhooks;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event to send, given to {@link Webhooks#emit(WebhookEvent)} in the transaction of the change it tells of.
 *
 * @param type       what happened
 * @param caseKey    the case the event belongs to (e.g. {@code case:42}), or null: events of one case reach each
 *                   endpoint in the order they were emitted, the next waiting until the previous one was delivered or
 *                   given up on; at most {@value #MAX_KEY} characters
 * @param offices    the office where it happened first, then its ancestors up to the root: an endpoint of any of
 *                   them receives it (a province's endpoint hears of every county's events, a city's only of its own)
 * @param occurredAt when it happened: the body's {@code timestamp}
 * @param dedupeKey  the event's identity (e.g. {@code booking.created:42}): emitted again — by a retry, another node,
 *                   a replayed listener — it is not queued twice; at most {@value #MAX_KEY} characters
 * @param data       the body's {@code data}: strings, numbers, booleans, null, lists and maps of them. Keep it thin
 *                   (ids, states, times): no names or ID numbers; the receiver asks for more over the API
 */
public record WebhookEvent(EventType type, String caseKey, List<Long> offices, Instant occurredAt, String dedupeKey,
                           Map<String, Object> data) {
    public static final int MAX_KEY = 120;

    public WebhookEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(offices, "offices");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(data, "data");
        if (offices.isEmpty()) {
            throw new IllegalArgumentException("offices: at least the office where it happened");
        }
        if (dedupeKey.isBlank() || dedupeKey.length() > MAX_KEY) {
            throw new IllegalArgumentException("dedupeKey: 1.." + MAX_KEY + " characters");
        }
        if (caseKey != null && (caseKey.isBlank() || caseKey.length() > MAX_KEY)) {
            throw new IllegalArgumentException("caseKey: null or 1.." + MAX_KEY + " characters");
        }
        offices = List.copyOf(offices);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** Never the data. */
    @Override
    public String toString() {
        return "WebhookEvent[" + type.wireName() + ", key " + dedupeKey + (caseKey == null ? "" : ", " + caseKey) + "]";
    }
}
