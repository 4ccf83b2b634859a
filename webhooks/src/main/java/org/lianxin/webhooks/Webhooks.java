package org.lianxin.webhooks;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The webhooks module's API: events emitted in the transaction of the change, delivered to the endpoints that
 * subscribed to them; endpoints and the delivery log for administrators, who pass the offices they may see.
 */
public interface Webhooks {

    /**
     * Queues the event for every enabled endpoint that receives it, in the caller's transaction (both commit or
     * neither); the dispatcher is woken after the commit. An event whose dedupe key is queued already is not queued
     * again and the caller's transaction goes on unharmed.
     *
     * @return true if queued (even when no endpoint receives it), false if its dedupe key was there
     */
    boolean emit(WebhookEvent event);

    /** Adds an endpoint of {@code officeId} with a new secret, shown this once. */
    NewSecret create(long officeId, EndpointDraft draft);

    /** Changes an endpoint's url, description, types or switch; re-enabling clears why it was off. */
    Endpoint update(long id, EndpointDraft draft, Collection<Long> offices);

    /**
     * Gives the endpoint a new secret; the ones it had sign for {@link WebhookSettings#rotationGrace()} more, so the
     * receiver can switch over.
     */
    NewSecret rotateSecret(long id, Collection<Long> offices);

    /** Removes an endpoint with its delivery log. */
    void delete(long id, Collection<Long> offices);

    /** The endpoints of these offices. */
    List<Endpoint> endpoints(Collection<Long> offices);

    Optional<Endpoint> endpoint(long id, Collection<Long> offices);

    /** An endpoint's deliveries, newest first, optionally only those in one state. */
    List<DeliveryEntry> deliveries(long endpointId, Collection<Long> offices, DeliveryState state, int limit);

    /** The attempts of one delivery, first first. */
    List<AttemptEntry> attempts(long deliveryId, Collection<Long> offices);

    /**
     * Sends a delivered or failed delivery again, with the same {@code webhook-id} (receivers dedupe on it) and a
     * fresh retry window.
     *
     * @throws WebhookException.NotResendable if it is still pending
     */
    DeliveryEntry resend(long deliveryId, Collection<Long> offices);
}
