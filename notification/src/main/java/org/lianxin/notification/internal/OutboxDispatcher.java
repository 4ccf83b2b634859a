package org.lianxin.notification.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lianxin.notification.Addressee;
import org.lianxin.notification.Delivery;
import org.lianxin.notification.DeliveryFailure;
import org.lianxin.notification.Directory;
import org.lianxin.notification.Dispatcher;
import org.lianxin.notification.NoticeKind;
import org.lianxin.notification.NotificationChannel;
import org.lianxin.notification.NotificationSettings;
import org.lianxin.notification.Recipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due notices, one row per transaction: the row is locked ({@code for update skip locked}, so another node's
 * dispatcher takes the next one instead), sent through the channel, and marked SENT, due again later
 * ({@link RetrySchedule}) or FAILED with its last error, all before the lock is let go. A node that dies while sending
 * leaves the row PENDING (its transaction rolls back): the notice is sent again, never lost.
 */
final class OutboxDispatcher implements Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    /** Rows one pass takes at most before looking at the clock and the stop flag again. */
    private static final int PASS_LIMIT = 200;
    /** The least pause between passes, so a database that keeps failing is not hammered. */
    private static final long MIN_PAUSE_MILLIS = 100;
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

    private final OutboxRows rows;
    private final TransactionTemplate tx;
    private final Directory directory;
    private final NotificationChannel channel;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final NotificationSettings settings;
    private final WakeSignal wake;
    private final Object lifecycle = new Object();
    private Thread thread;
    private volatile boolean running;
    /** Set by {@link #close()}: a pass in progress ends after the row it is sending. */
    private volatile boolean closing;

    OutboxDispatcher(OutboxRows rows, PlatformTransactionManager transactions, Directory directory,
                     NotificationChannel channel, Clock clock, RetrySchedule schedule, NotificationSettings settings,
                     WakeSignal wake) {
        this.rows = rows;
        this.tx = new TransactionTemplate(transactions);
        this.directory = directory;
        this.channel = channel;
        this.clock = clock;
        this.schedule = schedule;
        this.settings = settings;
        this.wake = wake;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                return;
            }
            running = true;
            closing = false;
            thread = new Thread(this::loop, "notification-dispatcher");
            thread.setDaemon(true);
            thread.start();
        }
        log.info("notifications: dispatcher started on {} (channel {}, poll every {}, {} attempts)", settings.node(),
                channel.describe(), settings.pollInterval(), settings.maxAttempts());
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lifecycle) {
            t = thread;
            thread = null;
            running = false;
            closing = t != null;
        }
        if (t == null) {
            return;
        }
        wake.raise();
        try {
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("notifications: the dispatcher did not stop within 30 s; what it was sending is sent again later");
            t.interrupt();
        }
    }

    @Override
    public void wake() {
        wake.raise();
    }

    private void loop() {
        while (running) {
            long pause = settings.pollInterval().toMillis();
            try {
                int n = dispatchDue();
                if (n < PASS_LIMIT) {
                    pause = pauseUntilNextDue();
                } else {
                    pause = 0;
                }
            } catch (RuntimeException e) { // the database, most likely: try again after the poll interval
                log.warn("notifications: the outbox could not be read; trying again in {}", settings.pollInterval(), e);
            }
            try {
                if (pause > 0) {
                    wake.await(Math.max(pause, MIN_PAUSE_MILLIS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long pauseUntilNextDue() {
        long poll = settings.pollInterval().toMillis();
        Optional<Instant> due = rows.nextDue();
        if (due.isEmpty()) {
            return poll;
        }
        long until = Duration.between(clock.instant(), due.get()).toMillis();
        return Math.max(MIN_PAUSE_MILLIS, Math.min(poll, until));
    }

    @Override
    public int dispatchDue() {
        int n = 0;
        while (n < PASS_LIMIT && !closing && Boolean.TRUE.equals(tx.execute(s -> dispatchOne()))) {
            n++;
        }
        return n;
    }

    /** Takes, sends and marks one due row; false if there was none. */
    private boolean dispatchOne() {
        Optional<OutboxRows.Due> next = rows.lockNextDue(clock.instant());
        if (next.isEmpty()) {
            return false;
        }
        OutboxRows.Due row = next.get();
        int attempt = row.attempts() + 1;
        Delivery delivery;
        try {
            Recipient recipient = Recipient.decode(row.recipient());
            List<Addressee> to = directory.resolve(recipient);
            delivery = new Delivery(row.id(), NoticeKind.valueOf(row.kind()), recipient, to, row.subject(), row.body());
        } catch (IllegalArgumentException e) { // a row no code can read: retrying cannot help
            log.error("notice {}: unreadable ({}); kept as FAILED", row.id(), e.getMessage());
            rows.markFailed(row.id(), attempt, clock.instant(), "unreadable: " + e.getMessage());
            return true;
        }
        String error;
        try {
            channel.send(delivery);
            rows.markSent(row.id(), attempt, clock.instant(), settings.node());
            log.debug("{}: sent (attempt {})", delivery, attempt);
            return true;
        } catch (DeliveryFailure e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        error = masked(error);
        Instant now = clock.instant();
        Optional<Instant> retryAt = schedule.next(attempt, now);
        if (retryAt.isPresent()) {
            rows.markRetry(row.id(), attempt, now, retryAt.get(), error);
            log.warn("{}: attempt {} of {} failed ({}); next at {}", delivery, attempt, settings.maxAttempts(), error,
                    retryAt.get());
        } else {
            rows.markFailed(row.id(), attempt, now, error);
            log.error("{}: attempt {} of {} failed ({}); given up, kept as FAILED for an administrator", delivery,
                    attempt, settings.maxAttempts(), error);
        }
        return true;
    }

    /** An error kept and shown to administrators never holds an e-mail address. */
    static String masked(String error) {
        return error == null ? "unknown error" : EMAIL.matcher(error).replaceAll("***@***");
    }
}
