package org.lianxin.webhooks;

/**
 * Port: how the dispatcher hears at once of events committed by other app instances on one PostgreSQL database. The
 * emit sends {@code NOTIFY} on the module's channel in its own transaction (PostgreSQL delivers it at commit); whoever
 * adapts this port listens on that channel — the application on its one listening connection for every channel
 * ({@code web}'s {@code cluster.DatabaseNotices}) — and runs the dispatcher's wake-up on each notice, and also
 * whenever notices may have been missed (listening began, or began again after its connection broke). Without it
 * ({@link #NONE}, and on H2) the dispatcher finds other instances' events by its poll
 * ({@link WebhookSettings#pollInterval()}); its own instance's emits wake it after their commit either way.
 */
@FunctionalInterface
public interface CommitNotices {

    /**
     * Runs {@code wake} on every notice on {@code channel} and whenever notices may have been missed, until the
     * returned handle is closed. {@code wake} only raises a flag: it may be run on the adapter's listening thread.
     */
    AutoCloseable subscribe(String channel, Runnable wake);

    /** Nobody tells: the poll finds what other instances committed. */
    CommitNotices NONE = (channel, wake) -> () -> {
    };
}
