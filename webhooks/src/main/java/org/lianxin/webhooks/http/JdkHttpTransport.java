package org.lianxin.webhooks.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.lianxin.webhooks.WebhookTransport;

/**
 * Posts webhooks with the JDK's HTTP client: no redirects followed (a 3xx is a failed attempt, so a signed body never
 * goes to an address nobody configured), at most the first KiB of each answer read.
 */
public final class JdkHttpTransport implements WebhookTransport {
    static final int HEAD_BYTES = 1024;
    private static final String USER_AGENT = "Lianxin-Webhooks/1.0";

    private final HttpClient client;
    private final Clock clock;

    public JdkHttpTransport(Duration connectTimeout, Clock clock) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.clock = clock;
    }

    @Override
    public Answer post(URI url, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("content-type", "application/json").header("user-agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String head;
            try (InputStream in = response.body()) {
                head = new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(),
                    response.headers().firstValue("retry-after").flatMap(v -> retryAfter(v, clock)), head);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the answer", e);
        }
    }

    /** A {@code Retry-After} value: delay-seconds or an HTTP date; empty if it is neither. */
    static Optional<Duration> retryAfter(String value, Clock clock) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
