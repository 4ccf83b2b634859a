package org.lianxin.notification;

/**
 * Sends due notices: wakes after each enqueue's commit and otherwise polls. Any number of dispatchers may run on one
 * database (one per node): each row is taken under {@code for update skip locked}, so no notice is sent twice.
 */
public interface Dispatcher extends AutoCloseable {

    /** Starts the dispatcher's thread. */
    void start();

    /**
     * Stops it: the pass in progress ends after the notice being sent, which is waited for (at most 30 s); until the
     * next {@link #start()} nothing more is sent by this dispatcher (what is due stays in the outbox).
     */
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
