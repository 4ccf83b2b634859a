package org.lianxin.supervision;

/**
 * Where supervision's outward facts go. Called inside the transaction of the change that made them: an implementation
 * that writes an outbox in the same database keeps the fact exactly when the change commits; what it throws rolls
 * the change back.
 */
@FunctionalInterface
public interface SupervisionEvents {
    /** Told to nobody. */
    SupervisionEvents NONE = event -> {
    };

    void record(SupervisionEvent event);
}
