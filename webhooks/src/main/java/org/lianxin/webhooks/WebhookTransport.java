package org.lianxin.webhooks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The HTTP client the dispatcher posts through (port; the adapter is {@code http.JdkHttpTransport}). */
public interface WebhookTransport {

    /**
     * Posts {@code body} as {@code application/json} with the given headers.
     *
     * @throws IOException when there was no answer: refused, reset, or none within {@code timeout}
     */
    Answer post(URI url, Map<String, String> headers, byte[] body, Duration timeout) throws IOException;

    /**
     * An HTTP answer.
     *
     * @param retryAfter its {@code Retry-After} (seconds or an HTTP date, made a duration), if any
     * @param bodyHead   the first KiB of its body, as text
     */
    record Answer(int status, Optional<Duration> retryAfter, String bodyHead) {
    }
}
