package org.lianxin.web.notify;

import org.lianxin.notification.Dispatcher;
import org.lianxin.web.config.LifecyclePhases;
import org.springframework.context.SmartLifecycle;

/**
 * The dispatcher of the outbox: starts before anything that queues notices runs and stops after it
 * ({@link LifecyclePhases#NOTIFICATIONS}). What it has not sent at the stop stays in the outbox for the next start or
 * another node.
 */
final class NotificationLifecycle implements SmartLifecycle {
    private final Dispatcher dispatcher;
    private volatile boolean running;

    NotificationLifecycle(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void start() {
        dispatcher.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        dispatcher.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return LifecyclePhases.NOTIFICATIONS;
    }
}
