package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.lianxin.webhooks.WebhookWorld.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.lianxin.webhooks.http.JdkHttpTransport;
import org.lianxin.webhooks.testing.Receiver;

/**
 * The dispatcher hears of other instances' commits only through its {@link CommitNotices} port (the application
 * adapts it to its one listening connection): on PostgreSQL a started dispatcher subscribes to the outbox's channel,
 * an event another instance commits is sent as soon as the port runs the wake-up — its poll is set to 10 minutes, so
 * nothing else finds it within the test — and the subscription is closed when the dispatcher stops.
 */
class CommitNoticesPortIT extends WorldWithReceiver {

    /** A port that records the subscription and runs its wake-up when the test says. */
    static final class Port implements CommitNotices {
        final List<String> channels = new CopyOnWriteArrayList<>();
        final List<Runnable> wakes = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public AutoCloseable subscribe(String channel, Runnable wake) {
            channels.add(channel);
            wakes.add(wake);
            return () -> closed.set(true);
        }
    }

    @Test
    void anEventCommittedElsewhereIsSentWhenThePortWakesTheDispatcher() throws Exception {
        world = new WebhookWorld("webhooks_port", Clock.systemUTC());
        receiver = new Receiver();
        WebhookSettings d = WebhookWorld.settings("emitter", Duration.ofHours(1));
        WebhooksModule emitter = world.module(d); // another instance: emits, its dispatcher not started
        Port port = new Port();
        WebhookSettings slow = new WebhookSettings("listener", 2, d.timeout(), d.lease(), d.retry(), d.giveUpAfter(),
                d.maxRetryAfter(), d.rotationGrace(), Duration.ofMinutes(10));
        WebhooksModule listener = WebhooksModule.create(world.ds, world.transactions,
                new JdkHttpTransport(Duration.ofSeconds(2), world.clock), world.notifications.notifications(),
                world.clock, slow, WebhookWorld.SECRETS_KEY, port);
        emitter.webhooks().create(2, new EndpointDraft(receiver.url(), "省", Set.of(), true));
        world.emitWithChange(emitter.webhooks(), 1, event(EventType.SUPERVISION_REPLIED, "case:1", "first",
                Instant.now(), 5, 2, 1));

        listener.dispatcher().start();
        try {
            assertThat(port.channels).containsExactly("lianxin_webhook_outbox");
            await("the backlog at the start").atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() == 1);

            world.emitWithChange(emitter.webhooks(), 2, event(EventType.SUPERVISION_REPLIED, "case:2", "second",
                    Instant.now(), 5, 2, 1));
            await("not found without a notice (the poll is 10 minutes)").during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3)).until(() -> receiver.requests().size() == 1);
            port.wakes.forEach(Runnable::run); // what the application's listener does on the notice
            await("sent once woken").atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().size() == 2);
        } finally {
            listener.dispatcher().close();
        }
        assertThat(port.closed).as("the subscription closed with the dispatcher").isTrue();
    }
}
