package org.lianxin.notification.log;

import org.lianxin.notification.Delivery;
import org.lianxin.notification.NotificationChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default channel: each notice as one log line with its kind, recipient and the user names it reached — never
 * its subject or body, which may name a petitioner or a case, and never an address.
 */
public final class LogChannel implements NotificationChannel {
    private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

    @Override
    public String describe() {
        return "log";
    }

    @Override
    public void send(Delivery delivery) {
        if (delivery.to().isEmpty()) {
            log.info("notice {} {} to {}: nobody holds that now", delivery.id(), delivery.kind(),
                    delivery.recipient().encode());
            return;
        }
        log.info("notice {} {} to {}: users {}", delivery.id(), delivery.kind(), delivery.recipient().encode(),
                delivery.usernames());
    }
}
