package org.lianxin.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.lianxin.webhooks.WebhookSecret;
import org.lianxin.webhooks.WebhookSigner;

/**
 * The receiving end of {@code bench webhooks}: a JDK HttpServer on 127.0.0.1 with two lanes, {@code /hook} (the
 * dispatcher) and {@code /baseline} (the bare POST loop), which answer by one rule. The first attempt of a message
 * (its {@code webhook-id}, per lane) fails for 20 % of bodies — chosen by the body's SHA-256, so a body fails alike in
 * both lanes: 14.5 % HTTP 500, 5 % 503 with {@code Retry-After: 0}, 0.3 % 503 with {@code Retry-After: 1}, 0.2 % held
 * past the sender's timeout (then 504) — the last two cost any sender a second or more, so with more than 1 % of
 * them no sender's p99 could be under a second; every attempt is answered 200–800 ms late for 3 % of (body, attempt). Each
 * request's {@code webhook-signature} is verified (a bad one is answered 400 and counted); each 2xx answer is
 * recorded by {@code webhook-id}, with the time it was sent.
 */
final class WebhookReceiver implements AutoCloseable {
    static final double FAIL_500 = 0.145;
    static final double FAIL_503_NOW = 0.05;
    static final double FAIL_503_LATER = 0.003;
    static final double FAIL_TIMEOUT = 0.002;
    static final double SLOW = 0.03;

    /** One message as a lane saw it. */
    static final class Seen {
        final String body;
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger oks = new AtomicInteger();
        final AtomicLong firstOkNanos = new AtomicLong();
        /** Each attempt as {arrived, answered, status} ({@link System#nanoTime()}), in arrival order. */
        final java.util.List<long[]> tries = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        Seen(String body) {
            this.body = body;
        }
    }

    /** What one path received. */
    static final class Lane {
        final Map<String, Seen> byId = new ConcurrentHashMap<>();
        final AtomicInteger badSignatures = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger delivered = new AtomicInteger();

        /** The first 2xx answered after {@code nanos}, or 0. */
        long firstOkAfter(long nanos) {
            long best = 0;
            for (Seen s : byId.values()) {
                long t = s.firstOkNanos.get();
                if (t > nanos && (best == 0 || t < best)) {
                    best = t;
                }
            }
            return best;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final long timeoutMillis;
    private volatile WebhookSecret secret;
    final Lane hook = new Lane();
    final Lane baseline = new Lane();

    /** @param timeoutMillis the senders' answer timeout: a "timeout" is held 500 ms past it */
    WebhookReceiver(long timeoutMillis) throws IOException {
        this.timeoutMillis = timeoutMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/hook", ex -> handle(ex, hook));
        server.createContext("/baseline", ex -> handle(ex, baseline));
        server.setExecutor(threads);
        server.start();
    }

    String url(String lane) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + lane;
    }

    void secret(WebhookSecret secret) {
        this.secret = secret;
    }

    private void handle(HttpExchange ex, Lane lane) throws IOException {
        long arrived = System.nanoTime();
        lane.requests.incrementAndGet();
        lane.inFlight.incrementAndGet();
        try {
            byte[] bytes;
            try (InputStream in = ex.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            String id = ex.getRequestHeaders().getFirst("webhook-id");
            String ts = ex.getRequestHeaders().getFirst("webhook-timestamp");
            String sig = ex.getRequestHeaders().getFirst("webhook-signature");
            if (id == null || ts == null || sig == null || secret == null
                    || !WebhookSigner.verify(secret, id, Long.parseLong(ts), bytes, sig)) {
                lane.badSignatures.incrementAndGet();
                answer(ex, 400, null);
                return;
            }
            String body = new String(bytes, StandardCharsets.UTF_8);
            Seen seen = lane.byId.computeIfAbsent(id, k -> new Seen(body));
            int attempt = seen.attempts.incrementAndGet();
            long[] attemptSeen = {arrived, 0, 0};
            seen.tries.add(attemptSeen);
            double slow = unit(body + "#slow#" + attempt);
            if (slow < SLOW) {
                pause(200 + (long) (600 * unit(body + "#delay#" + attempt)));
            }
            if (attempt == 1) {
                double u = unit(body);
                if (u < FAIL_500) {
                    answer(ex, 500, null, attemptSeen);
                    return;
                } else if (u < FAIL_500 + FAIL_503_NOW) {
                    answer(ex, 503, "0", attemptSeen);
                    return;
                } else if (u < FAIL_500 + FAIL_503_NOW + FAIL_503_LATER) {
                    answer(ex, 503, "1", attemptSeen);
                    return;
                } else if (u < FAIL_500 + FAIL_503_NOW + FAIL_503_LATER + FAIL_TIMEOUT) {
                    pause(timeoutMillis + 500);
                    answer(ex, 504, null, attemptSeen);
                    return;
                }
            }
            seen.firstOkNanos.compareAndSet(0, System.nanoTime());
            if (seen.oks.incrementAndGet() == 1) {
                lane.delivered.incrementAndGet();
            }
            answer(ex, 204, null, attemptSeen);
        } finally {
            ex.close();
            lane.inFlight.decrementAndGet();
        }
    }

    private static void answer(HttpExchange ex, int status, String retryAfter, long[] attemptSeen)
            throws IOException {
        attemptSeen[1] = System.nanoTime();
        attemptSeen[2] = retryAfter == null ? status : status * 10L + Long.parseLong(retryAfter); // 5031: 503, 1 s
        answer(ex, status, retryAfter);
    }

    private static void answer(HttpExchange ex, int status, String retryAfter) throws IOException {
        if (retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, -1);
        OutputStream out = ex.getResponseBody();
        out.close();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the receiver being slow is what is measured
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A number in [0, 1) fixed by the text (its SHA-256). */
    static double unit(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(h).getLong() >>> 11) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
