package org.lianxin.webhooks.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.lianxin.webhooks.Endpoint;
import org.lianxin.webhooks.WebhookDispatcher;
import org.lianxin.webhooks.WebhookSecret;
import org.lianxin.webhooks.WebhookSettings;
import org.lianxin.webhooks.WebhookTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries on {@link WebhookSettings#workers()} threads, fed by one claiming thread. The claimer leases as
 * many due deliveries of distinct cases as there are idle workers, in one short transaction (locked {@code for update
 * skip locked}, leased to this node with a fresh token; the signing secrets read once per endpoint), and hands them to
 * the workers; each is sent outside any transaction and its attempt recorded in a second transaction that only counts
 * if the lease token is still this one's (a 2xx on PostgreSQL: one statement). A node killed between the two leaves a
 * lease: the delivery is sent again (those in flight, at most, twice) — on PostgreSQL as soon as the dead node's lock
 * is free, by a live node ({@link DeadPeers}) or by its own restart ({@link TakeBack}); else when the lease lapses.
 * Only idle workers' worth is claimed, so a claimed delivery is sent at once, well within its lease. A record that makes a case's next delivery
 * its head, or schedules a retry, wakes the claimer (which then waits, if nothing is due, until the earliest retry).
 */
final class DeliveryWorkers implements WebhookDispatcher {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final long MIN_PAUSE_MILLIS = 50;

    private final DeliveryRows deliveries;
    private final EndpointRows endpoints;
    private final TransactionTemplate tx;
    private final WebhookTransport transport;
    private final SignedPost post;
    private final Clock clock;
    private final WebhookSettings settings;
    private final DeliveryRules rules;
    private final FailureAlerts alerts;
    private final WakeUp wake;
    private final OutboxSignal signal;
    private final NodeLock lock;
    private final TakeBack takeBack;
    private final DeadPeers deadPeers;
    /** The claimer has been through {@link TakeBack#atStart}: the node's lock may be asked for by others now. */
    private volatile boolean lockSettled;
    private final Object lifecycle = new Object();
    private final List<Thread> threads = new ArrayList<>();
    /** The subscription to other instances' commits while running (PostgreSQL), else null. */
    private AutoCloseable notices;
    /** Workers free to send: the claimer takes as many deliveries as it holds permits. */
    private final Semaphore idle;
    /** Permits beyond {@code workers} handed out while a backlog is worked off (claimer thread only). */
    private int extra;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private volatile boolean running;

    /** A claimed delivery and the secrets that sign it. */
    private record Job(DeliveryRows.Claimed claimed, List<WebhookSecret> secrets) {
    }

    DeliveryWorkers(DeliveryRows deliveries, EndpointRows endpoints, PlatformTransactionManager transactions,
                    WebhookTransport transport, Clock clock, WebhookSettings settings, FailureAlerts alerts,
                    WakeUp wake, OutboxSignal signal, NodeLock lock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.tx = new TransactionTemplate(transactions);
        this.transport = transport;
        this.clock = clock;
        this.settings = settings;
        this.rules = new DeliveryRules(settings.retry(), settings.giveUpAfter(), settings.maxRetryAfter());
        this.alerts = alerts;
        this.wake = wake;
        this.signal = signal;
        this.lock = lock;
        this.takeBack = new TakeBack(lock, deliveries, settings.node(), settings.nodeLockWait());
        this.deadPeers = new DeadPeers(deliveries, transactions, clock, settings.node());
        this.idle = new Semaphore(settings.workers());
        this.post = new SignedPost(transport, clock, settings.timeout());
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (!threads.isEmpty()) {
                return;
            }
            running = true;
            Thread claimer = new Thread(this::claimLoop, "webhook-claimer");
            claimer.setDaemon(true);
            threads.add(claimer);
            claimer.start();
            for (int i = 0; i < settings.backlogWorkers(); i++) {
                Thread t = new Thread(this::workLoop, "webhook-worker-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            if (signal.listens()) {
                notices = signal.listen(wake); // told at once of events committed by any instance
                // PostgreSQL: a dead node's leases taken over as soon as its lock is free (not on H2: no locks)
                threads.add(deadPeers.watch(() -> running, () -> lockSettled ? takeBack.lockedOn() : null,
                        wake::raise));
            }
        }
        log.info("webhooks: {} workers ({} while a backlog is worked off) started on {} (timeout {}, lease {},"
                + " retries for {})", settings.workers(), settings.backlogWorkers(),
                settings.node(), settings.timeout(), settings.lease(), settings.giveUpAfter());
    }

    @Override
    public void close() {
        List<Thread> stopping;
        synchronized (lifecycle) {
            stopping = new ArrayList<>(threads);
            threads.clear();
            running = false;
            if (notices != null) {
                try {
                    notices.close();
                } catch (Exception e) {
                    log.debug("webhooks: the subscription to committed events did not close: {}", e.toString());
                }
                notices = null;
            }
        }
        wake.raiseAll();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Thread t : stopping) {
            try {
                t.join(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("webhooks: {} did not stop within 30 s; its delivery is sent again when its lease lapses",
                        t.getName());
                t.interrupt();
            }
        }
        for (Job left = jobs.poll(); left != null; left = jobs.poll()) { // claimed as it stopped: not sent
            try {
                deliveries.release(left.claimed());
            } catch (RuntimeException e) {
                log.warn("webhooks: a claimed delivery could not be let go; it is sent when its lease lapses", e);
            }
        }
        lock.close();
    }

    @Override
    public void wake() {
        wake.raise();
    }

    @Override
    public int dispatchDue() {
        int n = 0;
        for (List<Job> batch = claim(1); !batch.isEmpty(); batch = claim(1)) {
            for (Job j : batch) {
                attempt(j);
                n++;
            }
        }
        return n;
    }

    /**
     * Claims as many due deliveries as there are idle workers (at least one: it waits for a worker first) and hands
     * them over; when fewer were due, waits to be woken, for the next retry or lapsing lease, or the poll interval.
     */
    private void claimLoop() {
        takeBack.atStart(() -> running, wake::raise); // its dead predecessor's leases first (PostgreSQL)
        lockSettled = true;
        while (running) {
            long seen = wake.generation();
            long pause;
            int permits = 0;
            try {
                if (!idle.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                permits = 1 + drainUpTo(settings.backlogWorkers() - 1);
                List<Job> claimed = claim(permits);
                jobs.addAll(claimed);
                idle.release(permitsBack(permits, claimed.size()));
                permits = 0;
                pause = claimed.isEmpty() ? pauseUntilNextDue() : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) { // the database, most likely
                idle.release(permits);
                log.warn("webhooks: the outbox could not be read; trying again in {}", settings.pollInterval(), e);
                pause = settings.pollInterval().toMillis();
            }
            if (pause > 0 && running) {
                try {
                    wake.awaitAfter(seen, Math.max(pause, MIN_PAUSE_MILLIS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * How many of a claim's permits go back: the unused ones; plus {@code workers} more, up to the backlog's worth, when
     * the claim took every permit there is and filled them all (every worker busy, more may be due); minus the extra
     * ones when it found fewer due than it asked for.
     */
    private int permitsBack(int asked, int claimed) {
        int unused = asked - claimed;
        if (unused == 0 && asked == settings.workers() + extra) {
            int more = Math.min(settings.workers(), settings.backlogWorkers() - settings.workers() - extra);
            extra += more;
            return more;
        }
        int fewer = Math.min(extra, unused);
        extra -= fewer;
        return unused - fewer;
    }

    private int drainUpTo(int max) {
        int n = 0;
        while (n < max && idle.tryAcquire()) {
            n++;
        }
        return n;
    }

    private void workLoop() {
        while (running) {
            Job job;
            try {
                job = jobs.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (job == null) {
                continue;
            }
            try {
                if (attempt(job)) {
                    wake.raise();
                }
            } catch (RuntimeException e) { // the database, most likely: the lease lapses and it is sent again
                log.warn("webhooks: the attempt at {} could not be recorded; it is sent again when its lease lapses",
                        job.claimed().msgId(), e);
            } finally {
                idle.release();
            }
        }
    }

    /** Up to {@code max} due deliveries leased to this node with the secrets that sign them; empty if none is due. */
    private List<Job> claim(int max) {
        Instant lockedOn = running ? takeBack.lockedOn() : null; // dispatchDue (tests): no lock held
        List<DeliveryRows.Claimed> claimed = tx.execute(s -> {
            Instant now = clock.instant();
            return deliveries.claimDue(now, max, settings.node(), lockedOn, UUID.randomUUID().toString(),
                    now.plus(settings.lease()));
        });
        if (claimed == null || claimed.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        Map<Long, List<WebhookSecret>> secrets = new java.util.HashMap<>();
        List<Job> out = new ArrayList<>(claimed.size());
        for (DeliveryRows.Claimed c : claimed) {
            out.add(new Job(c, secrets.computeIfAbsent(c.endpointId(), e -> endpoints.activeSecrets(e, now))));
        }
        return out;
    }

    /**
     * Nothing could be claimed: wait until the next retry falls due or lease lapses, or at most the poll interval. A
     * delivery already due that could not be claimed waits behind an earlier one of its case (whoever records that one claims it next),
     * is being claimed by another worker, or has a lease still running: none of these needs this worker sooner — a
     * commit, a notice from another node or a worker that found work wakes it.
     */
    private long pauseUntilNextDue() {
        long poll = settings.pollInterval().toMillis();
        Instant now = clock.instant();
        Optional<Instant> due = deliveries.nextDue(now);
        if (due.isEmpty()) {
            return poll;
        }
        return Math.max(MIN_PAUSE_MILLIS, Math.min(poll, Duration.between(now, due.get()).toMillis()));
    }

    /**
     * Sends one claimed delivery and records the attempt.
     *
     * @return true if the claimer should look again: its case's next delivery became the head, or a retry was
     *         scheduled (the claimer's wait until the earliest one may be later than this one)
     */
    private boolean attempt(Job job) {
        Next next = attemptOnce(job);
        while (next.again() != null) { // a failure whose retry is due at once: kept by this worker and sent again
            next = attemptOnce(new Job(next.again(), job.secrets()));
        }
        return next.lookAgain();
    }

    /**
     * What a recorded attempt leaves to do: the claimer should look again (a case's next delivery became its head, a
     * retry was scheduled); or {@code again}, the delivery still leased to this worker with its failed attempt counted,
     * to be sent again at once.
     */
    private record Next(boolean lookAgain, DeliveryRows.Claimed again) {
        static final Next LOOK = new Next(true, null);
        static final Next NOTHING = new Next(false, null);

        static Next of(boolean lookAgain) {
            return lookAgain ? LOOK : NOTHING;
        }
    }

    /** One attempt sent and recorded. */
    private Next attemptOnce(Job job) {
        SignedPost.Sent sent = post.send(job.claimed(), job.secrets());
        return record(job.claimed(), sent.started(), sent.latencyMs(), sent.outcome(), sent.response());
    }

    private Next record(DeliveryRows.Claimed c, Instant started, long latency, DeliveryRules.Outcome outcome,
                          String response) {
        if (outcome.status() != null && outcome.status() / 100 == 2) {
            DeliveryRows.Recorded r = deliveries.recordsInOneStatement()
                    ? deliveries.recordDelivered(c, started, clock.instant(), outcome.status(), latency, response,
                            settings.node())
                    : tx.execute(s -> deliveries.recordDelivered(c, started, clock.instant(), outcome.status(),
                            latency, response, settings.node()));
            if (!r.counted()) {
                log.warn("webhook {} to endpoint {}: the lease lapsed during the attempt ({} ms); another node has"
                        + " it now", c.msgId(), c.endpointId(), latency);
                return Next.NOTHING;
            }
            log.debug("webhook {} ({}) to endpoint {}: delivered (attempt {})", c.msgId(), c.eventType(),
                    c.endpointId(), r.attempt());
            return Next.of(r.promoted() > 0);
        }
        String error = outcome.status() == null ? outcome.error() : null;
        Next atOnce = retryAtOnce(c, started, latency, outcome, response, error);
        if (atOnce != null) {
            return atOnce;
        }
        return tx.execute(s -> {
            Instant now = clock.instant();
            Optional<Integer> counted = deliveries.countAttempt(c, now, outcome.status(),
                    outcome.status() != null && outcome.status() / 100 == 2 ? null : outcome.describe());
            if (counted.isEmpty()) {
                log.warn("webhook {} to endpoint {}: the lease lapsed during the attempt ({} ms); another node has"
                        + " it now", c.msgId(), c.endpointId(), latency);
                return Next.NOTHING;
            }
            int attempt = counted.get();
            deliveries.logAttempt(c.id(), attempt, started, outcome.status(), latency, response, error,
                    settings.node());
            DeliveryRules.Decision decision = rules.decide(outcome, attempt, c.windowStart(), now,
                    ThreadLocalRandom.current().nextDouble());
            return apply(c, attempt, outcome, decision, now);
        });
    }

    /**
     * A failed attempt whose retry is due at once (the schedule's first pause, {@code Retry-After: 0}) while running:
     * recorded with the lease kept and renewed (one statement on PostgreSQL), and the delivery handed back to this
     * worker to send again now — no round trip through the claim, where it would queue behind every delivery already
     * due; no other delivery of its case can be claimed meanwhile, and no other node takes it (the lease holds).
     *
     * @return what is left to do, or null if the retry is not due at once (or the dispatcher is stopping)
     */
    private Next retryAtOnce(DeliveryRows.Claimed c, Instant started, long latency, DeliveryRules.Outcome outcome,
                             String response, String error) {
        if (!running) {
            return null;
        }
        Instant now = clock.instant();
        int attempt = c.attempts() + 1;
        DeliveryRules.Decision decision = rules.decide(outcome, attempt, c.windowStart(), now,
                ThreadLocalRandom.current().nextDouble());
        if (!(decision instanceof DeliveryRules.RetryAt retry) || retry.at().isAfter(now)) {
            return null;
        }
        Instant until = now.plus(settings.lease());
        boolean counted = deliveries.recordsInOneStatement()
                ? deliveries.recordRetryAtOnce(c, started, now, outcome.status(), outcome.describe(), error, latency,
                        response, settings.node(), retry.at(), until)
                : Boolean.TRUE.equals(tx.execute(s -> deliveries.recordRetryAtOnce(c, started, now, outcome.status(),
                        outcome.describe(), error, latency, response, settings.node(), retry.at(), until)));
        if (!counted) {
            log.warn("webhook {} to endpoint {}: the lease lapsed during the attempt ({} ms); another node has it now",
                    c.msgId(), c.endpointId(), latency);
            return Next.NOTHING;
        }
        log.info("webhook {} to endpoint {}: attempt {} failed ({}); sent again at once", c.msgId(), c.endpointId(),
                attempt, outcome.describe());
        return new Next(false, c.afterAttempts(attempt));
    }

    /** @return whether another delivery may be claimable now */
    private Next apply(DeliveryRows.Claimed c, int attempt, DeliveryRules.Outcome outcome,
                       DeliveryRules.Decision decision, Instant now) {
        if (decision instanceof DeliveryRules.Delivered) {
            log.debug("webhook {} ({}) to endpoint {}: delivered (attempt {})", c.msgId(), c.eventType(),
                    c.endpointId(), attempt);
            return Next.of(deliveries.markDelivered(c, now) > 0);
        } else if (decision instanceof DeliveryRules.RetryAt retry) {
            deliveries.markRetry(c.id(), retry.at());
            log.info("webhook {} to endpoint {}: attempt {} failed ({}); next at {}", c.msgId(), c.endpointId(),
                    attempt, outcome.describe(), retry.at());
            return Next.LOOK; // the claimer looks again, and waits until the earliest retry if none is due yet
        } else {
            int promoted;
            Endpoint endpoint = endpoints.find(c.endpointId()).orElseThrow();
            String host = JdbcWebhooks.hostOf(endpoint.url());
            if (decision instanceof DeliveryRules.DisableEndpoint off) {
                promoted = deliveries.markFailed(c, off.reason());
                endpoints.disable(c.endpointId(), "对方答复 410 Gone / the receiver answered 410 Gone", now);
                alerts.disabled(endpoint.officeId(), c.endpointId(), host, c, attempt);
                log.warn("webhook endpoint {} ({}) answered 410 Gone: turned off", c.endpointId(), host);
            } else {
                String reason = ((DeliveryRules.GiveUp) decision).reason();
                promoted = deliveries.markFailed(c, reason);
                alerts.gaveUp(endpoint.officeId(), c.endpointId(), host, c, attempt, reason);
                log.error("webhook {} to endpoint {} ({}): {}", c.msgId(), c.endpointId(), host, reason);
            }
            return Next.of(promoted > 0);
        }
    }
}
