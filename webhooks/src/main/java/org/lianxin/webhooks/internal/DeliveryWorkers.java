package org.lianxin.webhooks.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.lianxin.webhooks.Endpoint;
import org.lianxin.webhooks.WebhookDispatcher;
import org.lianxin.webhooks.WebhookSecret;
import org.lianxin.webhooks.WebhookSettings;
import org.lianxin.webhooks.WebhookSigner;
import org.lianxin.webhooks.WebhookTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries on {@link WebhookSettings#workers()} threads. Each delivery is claimed in a short transaction
 * (locked {@code for update skip locked}, then leased to this node with a fresh token), sent outside any transaction,
 * and its attempt recorded in a second transaction that only counts if the lease token is still this one's. A node
 * killed between the two leaves a lease that lapses: the delivery is sent again (the in-flight one, at most, twice).
 */
final class DeliveryWorkers implements WebhookDispatcher {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final long MIN_PAUSE_MILLIS = 50;

    private final DeliveryRows deliveries;
    private final EndpointRows endpoints;
    private final TransactionTemplate tx;
    private final WebhookTransport transport;
    private final Clock clock;
    private final WebhookSettings settings;
    private final DeliveryRules rules;
    private final FailureAlerts alerts;
    private final WakeUp wake;
    private final OutboxSignal signal;
    private final Object lifecycle = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    DeliveryWorkers(DeliveryRows deliveries, EndpointRows endpoints, PlatformTransactionManager transactions,
                    WebhookTransport transport, Clock clock, WebhookSettings settings, FailureAlerts alerts,
                    WakeUp wake, OutboxSignal signal) {
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
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (!threads.isEmpty()) {
                return;
            }
            running = true;
            for (int i = 0; i < settings.workers(); i++) {
                Thread t = new Thread(this::loop, "webhook-worker-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            if (signal.listens()) {
                threads.add(signal.listen(wake, () -> running, settings.pollInterval()));
            }
        }
        log.info("webhooks: {} workers started on {} (timeout {}, lease {}, retries for {})", settings.workers(),
                settings.node(), settings.timeout(), settings.lease(), settings.giveUpAfter());
    }

    @Override
    public void close() {
        List<Thread> stopping;
        synchronized (lifecycle) {
            stopping = new ArrayList<>(threads);
            threads.clear();
            running = false;
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
    }

    @Override
    public void wake() {
        wake.raise();
    }

    @Override
    public int dispatchDue() {
        int n = 0;
        while (attemptOne()) {
            n++;
        }
        return n;
    }

    private void loop() {
        while (running) {
            long seen = wake.generation();
            long pause;
            try {
                pause = attemptOne() ? 0 : pauseUntilNextDue();
            } catch (RuntimeException e) { // the database, most likely
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

    /** Claims, sends and records one due delivery; false if none was due. */
    boolean attemptOne() {
        Optional<DeliveryRows.Claimed> claimed = tx.execute(s -> {
            Instant now = clock.instant();
            return deliveries.lockNextDue(now).map(id -> deliveries.lease(id, settings.node(),
                    UUID.randomUUID().toString(), now.plus(settings.lease())));
        });
        if (claimed == null || claimed.isEmpty()) {
            return false;
        }
        DeliveryRows.Claimed c = claimed.get();
        wake.raise(); // another worker looks for the next one meanwhile
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        DeliveryRules.Outcome outcome;
        String response = null;
        try {
            List<WebhookSecret> secrets = endpoints.activeSecrets(c.endpointId(), started);
            byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
            long timestamp = started.getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("webhook-id", c.msgId());
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", WebhookSigner.header(secrets, c.msgId(), timestamp, body));
            WebhookTransport.Answer answer = transport.post(URI.create(c.url()), headers, body, settings.timeout());
            outcome = DeliveryRules.Outcome.answered(answer.status(), answer.retryAfter());
            response = answer.bodyHead();
        } catch (IOException e) {
            outcome = DeliveryRules.Outcome.noAnswer(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (RuntimeException e) { // a bad address, no secret: retrying may help once an administrator fixed it
            outcome = DeliveryRules.Outcome.noAnswer(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        long latency = (System.nanoTime() - t0) / 1_000_000L;
        record(c, started, latency, outcome, response);
        return true;
    }

    private void record(DeliveryRows.Claimed c, Instant started, long latency, DeliveryRules.Outcome outcome,
                        String response) {
        String error = outcome.status() == null ? outcome.error() : null;
        tx.executeWithoutResult(s -> {
            Instant now = clock.instant();
            Optional<Integer> counted = deliveries.countAttempt(c, now, outcome.status(),
                    outcome.status() != null && outcome.status() / 100 == 2 ? null : outcome.describe());
            if (counted.isEmpty()) {
                log.warn("webhook {} to endpoint {}: the lease lapsed during the attempt ({} ms); another node has"
                        + " it now", c.msgId(), c.endpointId(), latency);
                return;
            }
            int attempt = counted.get();
            deliveries.logAttempt(c.id(), attempt, started, outcome.status(), latency, response, error,
                    settings.node());
            DeliveryRules.Decision decision = rules.decide(outcome, attempt, c.windowStart(), now,
                    ThreadLocalRandom.current().nextDouble());
            apply(c, attempt, outcome, decision, now);
        });
    }

    private void apply(DeliveryRows.Claimed c, int attempt, DeliveryRules.Outcome outcome,
                       DeliveryRules.Decision decision, Instant now) {
        if (decision instanceof DeliveryRules.Delivered) {
            deliveries.markDelivered(c, now);
            log.debug("webhook {} ({}) to endpoint {}: delivered (attempt {})", c.msgId(), c.eventType(),
                    c.endpointId(), attempt);
        } else if (decision instanceof DeliveryRules.RetryAt retry) {
            deliveries.markRetry(c.id(), retry.at());
            log.info("webhook {} to endpoint {}: attempt {} failed ({}); next at {}", c.msgId(), c.endpointId(),
                    attempt, outcome.describe(), retry.at());
        } else {
            Endpoint endpoint = endpoints.find(c.endpointId()).orElseThrow();
            String host = JdbcWebhooks.hostOf(endpoint.url());
            if (decision instanceof DeliveryRules.DisableEndpoint off) {
                deliveries.markFailed(c, off.reason());
                endpoints.disable(c.endpointId(), "对方答复 410 Gone / the receiver answered 410 Gone", now);
                alerts.disabled(endpoint.officeId(), c.endpointId(), host, c, attempt);
                log.warn("webhook endpoint {} ({}) answered 410 Gone: turned off", c.endpointId(), host);
            } else {
                String reason = ((DeliveryRules.GiveUp) decision).reason();
                deliveries.markFailed(c, reason);
                alerts.gaveUp(endpoint.officeId(), c.endpointId(), host, c, attempt, reason);
                log.error("webhook {} to endpoint {} ({}): {}", c.msgId(), c.endpointId(), host, reason);
            }
        }
    }
}
