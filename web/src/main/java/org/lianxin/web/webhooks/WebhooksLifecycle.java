package org.lianxin.web.webhooks;

import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.webhooks.WebhookDispatcher;
import org.springframework.context.SmartLifecycle;

/**
 * This node's webhook dispatcher: starts with the notifications' phase (before anything that emits events runs) and
 * stops after it; what it has not sent stays in the outbox for the next start or another node.
 */
final class WebhooksLifecycle implements SmartLifecycle {
    private final WebhookDispatcher dispatcher;
    private volatile boolean running;

    WebhooksLifecycle(WebhookDispatcher dispatcher) {
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
