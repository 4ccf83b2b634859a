package org.lianxin.webhooks.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A webhook receiver on 127.0.0.1 (the JDK's HttpServer): records every request and answers as the test scripts
 * (status, Retry-After, a pause before answering); 200 when nothing is scripted. It also notes when the same
 * {@code webhook-id} was being received twice at once.
 */
public final class Receiver implements AutoCloseable {

    /** What was received. */
    public record Request(String id, String timestamp, String signature, String body, long receivedAtNanos) {
    }

    /** How to answer. */
    public record Answer(int status, String retryAfter, long delayMillis, String body) {
        public static Answer status(int status) {
            return new Answer(status, null, 0, "answer " + status);
        }

        public Answer retryAfter(String value) {
            return new Answer(status, value, delayMillis, body);
        }

        public Answer slow(long millis) {
            return new Answer(status, retryAfter, millis, body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private volatile Function<Request, Answer> rule = r -> null;

    static {
        // The JDK server writes an answer's headers and body apart; with Nagle's algorithm on, the body waits for the
        // sender's delayed ACK of the headers: 40 ms per request on loopback, which made the receiver, not the
        // dispatcher, what throughput tests measured (20 requests/s on one connection). Real servers set TCP_NODELAY.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/hook", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers these, in order, to the next requests. */
    public Receiver then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** Answers by rule once the script ran out (null from the rule: 200). */
    public Receiver rule(Function<Request, Answer> rule) {
        this.rule = rule;
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** How many times a webhook-id arrived while a request with the same id was still being answered. */
    public int overlaps() {
        return overlaps.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"), body, System.nanoTime());
        AtomicInteger flight = inFlight.computeIfAbsent(String.valueOf(request.id()), k -> new AtomicInteger());
        if (flight.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            requests.add(request);
            Answer answer = script.poll();
            if (answer == null) {
                answer = rule.apply(request);
            }
            if (answer == null) {
                answer = Answer.status(200);
            }
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis()); // the receiver being slow is what is tested
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException e) {
            // the sender gave up waiting (a timeout under test): nothing to answer to
        } finally {
            flight.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
