package org.lianxin.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.lianxin.webhooks.WebhookSecret;
import org.lianxin.webhooks.WebhookSigner;

/**
 * The baseline of {@code bench webhooks}: a bare POST loop — no outbox, no database, no back-off — on as many threads
 * as the dispatcher has workers, sending each body the dispatcher delivered, signed the same way, to the receiver's
 * {@code /baseline} lane (the same failure rule, chosen by the body), each at the offset from the first commit at
 * which its change committed in the measured run; a failed or timed-out POST is sent again at once, until a 2xx.
 * Its latency: the scheduled time to the first 2xx.
 */
final class WebhookBaseline {
    private final WebhookReceiver receiver;
    private final WebhookSecret secret;
    private final int threads;
    private final long timeoutMs;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    WebhookBaseline(WebhookReceiver receiver, WebhookSecret secret, int threads, long timeoutMs) {
        this.receiver = receiver;
        this.secret = secret;
        this.threads = threads;
        this.timeoutMs = timeoutMs;
    }

    /** Sends them all; returns the p99 in ms. */
    double run(List<WebhookProducer.Produced> produced, WebhookReceiver.Lane delivered) throws InterruptedException {
        Map<String, String> bodies = WebhookResult.bodiesByKey(delivered);
        List<WebhookProducer.Produced> order = new ArrayList<>(produced);
        order.removeIf(p -> !bodies.containsKey(p.key()));
        order.sort(Comparator.comparingLong(WebhookProducer.Produced::commitNanos));
        if (order.isEmpty()) {
            return Double.NaN;
        }
        long first = order.get(0).commitNanos();
        long t0 = System.nanoTime() + 500_000_000L;
        long[] scheduled = new long[order.size()];
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < scheduled.length; ) {
                    scheduled[i] = t0 + order.get(i).commitNanos() - first;
                    LockSupport.parkNanos(scheduled[i] - System.nanoTime());
                    post("bl_" + i, bodies.get(order.get(i).key()));
                }
            }, "baseline-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < scheduled.length; i++) {
            WebhookReceiver.Seen s = receiver.baseline.byId.get("bl_" + i);
            ms.add((s.firstOkNanos.get() - scheduled[i]) / 1e6);
        }
        System.out.printf("baseline (bare POST loop, %d threads): %d bodies, p50 %s ms, p99 %s ms, max %s ms%n",
                threads, ms.size(), Stats.ms(Stats.percentile(ms, 50)), Stats.ms(Stats.percentile(ms, 99)),
                Stats.ms(Stats.percentile(ms, 100)));
        return Stats.percentile(ms, 99);
    }

    private void post(String id, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        while (true) {
            long ts = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url("baseline")))
                    .timeout(Duration.ofMillis(timeoutMs))
                    .header("content-type", "application/json")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", WebhookSigner.header(List.of(secret), id, ts, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return;
                }
            } catch (java.io.IOException e) {
                // timed out or refused: sent again at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
