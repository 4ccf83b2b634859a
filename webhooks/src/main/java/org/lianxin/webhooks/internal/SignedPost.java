package org.lianxin.webhooks.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lianxin.webhooks.WebhookSecret;
import org.lianxin.webhooks.WebhookSigner;
import org.lianxin.webhooks.WebhookTransport;

/**
 * The HTTP half of an attempt: a claimed delivery signed with its endpoint's secrets (Standard Webhooks headers:
 * {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}) and posted; how it went, never thrown.
 */
final class SignedPost {
    /** How an attempt went, when it started and how long it took. */
    record Sent(DeliveryRules.Outcome outcome, String response, Instant started, long latencyMs) {
    }

    private final WebhookTransport transport;
    private final Clock clock;
    private final Duration timeout;

    SignedPost(WebhookTransport transport, Clock clock, Duration timeout) {
        this.transport = transport;
        this.clock = clock;
        this.timeout = timeout;
    }

    Sent send(DeliveryRows.Claimed c, List<WebhookSecret> secrets) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        DeliveryRules.Outcome outcome;
        String response = null;
        try {
            byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
            long timestamp = started.getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("webhook-id", c.msgId());
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", WebhookSigner.header(secrets, c.msgId(), timestamp, body));
            WebhookTransport.Answer answer = transport.post(URI.create(c.url()), headers, body, timeout);
            outcome = DeliveryRules.Outcome.answered(answer.status(), answer.retryAfter());
            response = answer.bodyHead();
        } catch (IOException e) {
            outcome = DeliveryRules.Outcome.noAnswer(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (RuntimeException e) { // a bad address, no secret: retrying may help once an administrator fixed it
            outcome = DeliveryRules.Outcome.noAnswer(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Sent(outcome, response, started, (System.nanoTime() - t0) / 1_000_000L);
    }
}
