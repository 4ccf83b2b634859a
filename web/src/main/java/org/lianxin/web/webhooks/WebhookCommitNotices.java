package org.lianxin.web.webhooks;

import org.lianxin.web.cluster.DatabaseNotices;
import org.lianxin.webhooks.CommitNotices;

/**
 * The webhooks' {@link CommitNotices} port on this instance's one listening connection ({@link DatabaseNotices}): the
 * dispatcher is woken by each notice of an event committed on any instance, and after the connection was broken.
 */
final class WebhookCommitNotices implements CommitNotices {
    private final DatabaseNotices notices;

    WebhookCommitNotices(DatabaseNotices notices) {
        this.notices = notices;
    }

    @Override
    public AutoCloseable subscribe(String channel, Runnable wake) {
        return notices.subscribe(channel, DatabaseNotices.Subscriber.of(wake));
    }
}
