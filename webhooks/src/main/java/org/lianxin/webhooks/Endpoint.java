package org.lianxin.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A receiver of webhooks, as administrators see it: its secrets only masked.
 *
 * @param officeId       the office that owns it: it receives the events of that office's subtree, and that office's
 *                       administrators (and those above) manage it
 * @param eventTypes     what it subscribed to; empty means every type
 * @param disabledReason why it is off (by an administrator, or because it answered 410 Gone), or null
 */
public record Endpoint(long id, long officeId, String url, String description, Set<EventType> eventTypes,
                       boolean enabled, String disabledReason, List<SecretView> secrets, Instant createdAt,
                       Instant updatedAt) {

    /**
     * One of an endpoint's signing secrets.
     *
     * @param masked    {@code whsec_…} and its last four characters
     * @param expiresAt after this it no longer signs (a rotated-out secret), or null: current
     */
    public record SecretView(long id, String masked, Instant createdAt, Instant expiresAt) {
    }
}
