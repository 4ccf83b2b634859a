package org.lianxin.notification;

/**
 * Sends due notices: wakes after each enqueue's commit and otherwise polls. Any number of dispatchers may run on one
 * database (one per node): each row is taken under {@code for update skip locked}, so no notice is sent twice.
 */
public interface Dispatcher extends AutoCloseable {

    /** Starts the dispatcher's thread. */
    void start();

    /** Stops it, waiting for the send in progress (at most the channel's timeout). */
    @Override
    void close();

    /** Look for due notices now. */
    void wake();

    /**
     * Sends every notice due now on the caller's thread (tests, and the dispatcher's own loop).
     *
     * @return how many rows were attempted
     */
    int dispatchDue();
}
