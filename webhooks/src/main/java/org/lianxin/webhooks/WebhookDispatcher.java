package org.lianxin.webhooks;

/**
 * Sends due deliveries on worker threads; any number of instances may run on one database: a delivery is claimed
 * (selected {@code for update skip locked}, then leased for {@link WebhookSettings#lease()}) by one of them at a time.
 */
public interface WebhookDispatcher extends AutoCloseable {

    /** Starts the workers. */
    void start();

    /** Stops them, waiting (at most 30 s) for the deliveries in flight; what is due stays in the outbox. */
    @Override
    void close();

    /** Look for due deliveries now. */
    void wake();

    /**
     * Claims and sends every delivery due now, one at a time on the caller's thread (tests).
     *
     * @return how many were attempted
     */
    int dispatchDue();
}
