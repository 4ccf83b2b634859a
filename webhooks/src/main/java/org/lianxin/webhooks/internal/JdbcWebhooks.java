package org.lianxin.webhooks.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lianxin.webhooks.AttemptEntry;
import org.lianxin.webhooks.DeliveryEntry;
import org.lianxin.webhooks.DeliveryState;
import org.lianxin.webhooks.Endpoint;
import org.lianxin.webhooks.EndpointDraft;
import org.lianxin.webhooks.NewSecret;
import org.lianxin.webhooks.WebhookEvent;
import org.lianxin.webhooks.WebhookException;
import org.lianxin.webhooks.WebhookSecret;
import org.lianxin.webhooks.WebhookSettings;
import org.lianxin.webhooks.Webhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox and the administration of endpoints. An emit inserts the message and its deliveries in the caller's
 * transaction, inside a savepoint, so that a dedupe key already there — even one another node is committing at the
 * same moment — undoes only the insert and never the caller's change.
 */
final class JdbcWebhooks implements Webhooks {
    private static final Logger log = LoggerFactory.getLogger(JdbcWebhooks.class);
    private static final int MAX_BODY = 20_000;

    private final EndpointRows endpoints;
    private final DeliveryRows deliveries;
    private final TransactionTemplate nested;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final WebhookSettings settings;
    private final WakeUp wake;
    private final OutboxSignal signal;
    private final SecureRandom random = new SecureRandom();

    JdbcWebhooks(EndpointRows endpoints, DeliveryRows deliveries, PlatformTransactionManager transactions, Clock clock,
                 WebhookSettings settings, WakeUp wake, OutboxSignal signal) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.settings = settings;
        this.wake = wake;
        this.signal = signal;
    }

    @Override
    public boolean emit(WebhookEvent event) {
        Objects.requireNonNull(event, "event");
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", event.type().wireName());
        envelope.put("timestamp", event.occurredAt().toString());
        envelope.put("data", event.data());
        String body = Json.write(envelope);
        if (body.length() > MAX_BODY) {
            throw new IllegalArgumentException(event + ": body of " + body.length() + " characters, at most "
                    + MAX_BODY + "; keep webhook data thin");
        }
        boolean queued;
        try {
            queued = Boolean.TRUE.equals(nested.execute(s -> {
                if (deliveries.keyExists(event.dedupeKey())) {
                    return false;
                }
                var now = clock.instant();
                long message = deliveries.insertMessage(MessageIds.next(random), event, body, now);
                boolean any = false;
                for (long endpoint : endpoints.receivers(event.type(), event.offices())) {
                    deliveries.insertDelivery(message, endpoint, event.caseKey(), now);
                    any = true;
                }
                if (any) {
                    signal.emitted(); // other instances' dispatchers hear of it when this commits
                }
                return true;
            }));
        } catch (DuplicateKeyException e) { // emitted by another transaction meanwhile: only the savepoint is undone
            queued = false;
        }
        log.debug("{}: {}", event, queued ? "queued" : "already queued");
        if (queued) {
            wakeAfterCommit();
        }
        return queued;
    }

    @Override
    public NewSecret create(long officeId, EndpointDraft draft) {
        validate(draft);
        WebhookSecret secret = WebhookSecret.generate(random);
        Endpoint created = tx.execute(s -> {
            var now = clock.instant();
            long id = endpoints.insert(officeId, draft, now);
            endpoints.addSecret(id, secret, now);
            return endpoints.find(id, List.of(officeId), now).orElseThrow();
        });
        log.info("webhook endpoint {} of office {} added ({})", created.id(), officeId, hostOf(draft.url()));
        return new NewSecret(created, secret);
    }

    @Override
    public Endpoint update(long id, EndpointDraft draft, Collection<Long> offices) {
        validate(draft);
        Endpoint after = tx.execute(s -> {
            var now = clock.instant();
            if (!endpoints.update(id, draft, offices, now)) {
                throw new WebhookException.EndpointNotFound(id);
            }
            return endpoints.find(id, offices, now).orElseThrow();
        });
        log.info("webhook endpoint {} changed ({}, {})", id, hostOf(draft.url()), draft.enabled() ? "on" : "off");
        if (after.enabled()) {
            wake.raise(); // what waited for it while it was off goes now
        }
        return after;
    }

    @Override
    public NewSecret rotateSecret(long id, Collection<Long> offices) {
        WebhookSecret secret = WebhookSecret.generate(random);
        Endpoint after = tx.execute(s -> {
            var now = clock.instant();
            endpoints.find(id, offices, now).orElseThrow(() -> new WebhookException.EndpointNotFound(id));
            endpoints.expireSecrets(id, now.plus(settings.rotationGrace()));
            endpoints.addSecret(id, secret, now);
            return endpoints.find(id, offices, now).orElseThrow();
        });
        log.info("webhook endpoint {}: new secret {}; the old ones sign for {} more", id, secret.masked(),
                settings.rotationGrace());
        return new NewSecret(after, secret);
    }

    @Override
    public void delete(long id, Collection<Long> offices) {
        Boolean deleted = tx.execute(s -> endpoints.delete(id, offices));
        if (!Boolean.TRUE.equals(deleted)) {
            throw new WebhookException.EndpointNotFound(id);
        }
        log.info("webhook endpoint {} removed", id);
    }

    @Override
    public List<Endpoint> endpoints(Collection<Long> offices) {
        return endpoints.list(offices, clock.instant());
    }

    @Override
    public Optional<Endpoint> endpoint(long id, Collection<Long> offices) {
        return endpoints.find(id, offices, clock.instant());
    }

    @Override
    public List<DeliveryEntry> deliveries(long endpointId, Collection<Long> offices, DeliveryState state, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit: 1..1000, was " + limit);
        }
        endpoint(endpointId, offices).orElseThrow(() -> new WebhookException.EndpointNotFound(endpointId));
        return deliveries.list(endpointId, offices, state, limit);
    }

    @Override
    public List<AttemptEntry> attempts(long deliveryId, Collection<Long> offices) {
        deliveries.find(deliveryId, offices).orElseThrow(() -> new WebhookException.DeliveryNotFound(deliveryId));
        return deliveries.attempts(deliveryId);
    }

    @Override
    public DeliveryEntry resend(long deliveryId, Collection<Long> offices) {
        DeliveryEntry after = tx.execute(s -> {
            deliveries.find(deliveryId, offices).orElseThrow(() -> new WebhookException.DeliveryNotFound(deliveryId));
            if (!deliveries.requeue(deliveryId, clock.instant())) {
                throw new WebhookException.NotResendable(deliveryId);
            }
            return deliveries.find(deliveryId, offices).orElseThrow();
        });
        log.info("webhook delivery {} ({}): queued again by an administrator", deliveryId, after.msgId());
        wakeAfterCommit();
        return after;
    }

    static void validate(EndpointDraft draft) {
        String url = draft.url().strip();
        if (url.isEmpty() || url.length() > EndpointDraft.MAX_URL) {
            throw new WebhookException.InvalidEndpoint("url", "1.." + EndpointDraft.MAX_URL + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new WebhookException.InvalidEndpoint("url", "an absolute http:// or https:// address");
            }
            if (uri.getUserInfo() != null) {
                throw new WebhookException.InvalidEndpoint("url", "no user name or password in the address; the"
                        + " signature authenticates the request");
            }
        } catch (URISyntaxException e) {
            throw new WebhookException.InvalidEndpoint("url", "not an address: " + e.getReason());
        }
        if (draft.description().length() > EndpointDraft.MAX_DESCRIPTION) {
            throw new WebhookException.InvalidEndpoint("description", "at most " + EndpointDraft.MAX_DESCRIPTION
                    + " characters");
        }
    }

    /** For logs: the host only, never a path that might hold a token. */
    static String hostOf(String url) {
        try {
            return Objects.toString(new URI(url.strip()).getHost(), "?");
        } catch (URISyntaxException e) {
            return "?";
        }
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake.raise();
                }
            });
        } else {
            wake.raise();
        }
    }
}
