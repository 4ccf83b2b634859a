package org.lianxin.web.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscriber's poll and its notices on one daemon thread of its own ({@link DatabaseNotices#subscribe(String, String,
 * Duration, Runnable, Consumer)}): the poll every {@code every} and at once when notices may have been missed, each
 * notice's payload handed to the feature there, so that nothing of the feature runs on the listening thread. A poll or
 * notice that fails is logged and the next runs as usual. Closing it ends the subscription, then the thread.
 */
final class PolledSubscription implements DatabaseNotices.Subscription, DatabaseNotices.Subscriber {
    private static final Logger log = LoggerFactory.getLogger(PolledSubscription.class);

    private final String name;
    private final Runnable poll;
    private final Consumer<String> notice;
    private final ScheduledExecutorService thread;
    private volatile DatabaseNotices.Subscription subscription;

    PolledSubscription(String name, Duration every, Runnable poll, Consumer<String> notice) {
        this.name = name;
        this.poll = poll;
        this.notice = notice;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        thread.scheduleWithFixedDelay(() -> run(poll, "poll"), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Subscribed on {@code notices} once the thread runs (the subscription told to close with it). */
    PolledSubscription on(DatabaseNotices notices, String channel) {
        subscription = notices.subscribe(channel, this);
        return this;
    }

    @Override
    public void notice(String payload) {
        hand(() -> notice.accept(payload), "notice");
    }

    @Override
    public void missed() {
        hand(poll, "poll");
    }

    private void hand(Runnable work, String what) {
        try {
            thread.execute(() -> run(work, what));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void run(Runnable work, String what) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("{}: a {} failed: {}", name, what, e.toString());
        }
    }

    @Override
    public void close() {
        DatabaseNotices.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        thread.shutdownNow();
    }
}
