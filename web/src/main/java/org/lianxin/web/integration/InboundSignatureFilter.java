package org.lianxin.web.integration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.lianxin.web.problem.Problems;
import org.lianxin.webhooks.WebhookSecret;
import org.lianxin.webhooks.WebhookSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gate of the inbound API: a request passes only with a Standard Webhooks signature ({@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}) by one of the
 * configured secrets, and a timestamp within the tolerance of our clock; anything else is a 401 problem. A session
 * cookie or a staff password opens nothing here. That a {@code webhook-id} is not used twice is checked in the
 * transaction of the change ({@link InboundReplays}), so a refused or failed request does not burn its id. Each
 * refusal here is audited ({@link InboundAudit}: actor {@code integration:unverified}).
 */
final class InboundSignatureFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(InboundSignatureFilter.class);
    /** The request attribute holding the verified {@code webhook-id}. */
    static final String MESSAGE_ID = InboundSignatureFilter.class.getName() + ".id";
    /** The request attribute holding the audit actor of the secret that verified it ({@link InboundAudit}). */
    static final String ACTOR = InboundSignatureFilter.class.getName() + ".actor";
    static final int MAX_ID = 100;

    private final List<WebhookSecret> secrets;
    private final Duration tolerance;
    private final int maxBody;
    private final Clock clock;
    private final InboundAudit audit;

    InboundSignatureFilter(List<WebhookSecret> secrets, Duration tolerance, int maxBody, Clock clock,
                           InboundAudit audit) {
        this.secrets = List.copyOf(secrets);
        this.tolerance = tolerance;
        this.maxBody = maxBody;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (secrets.isEmpty()) {
            Problems.write(response, HttpStatus.NOT_FOUND, "inbound-off", "the inbound API is not configured"
                    + " (lianxin.integration.inbound-secrets)", uri);
            return;
        }
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        String signature = request.getHeader("webhook-signature");
        if (blank(id) || blank(timestamp) || blank(signature) || id.length() > MAX_ID) {
            refused(request, HttpStatus.UNAUTHORIZED, "inbound-signature-missing");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "inbound-signature-missing", "sign the request:"
                    + " webhook-id (at most " + MAX_ID + " characters), webhook-timestamp and webhook-signature"
                    + " headers (Standard Webhooks)", uri);
            return;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            refused(request, HttpStatus.UNAUTHORIZED, "inbound-timestamp-invalid");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "inbound-timestamp-invalid",
                    "webhook-timestamp is Unix seconds", uri);
            return;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > tolerance.toSeconds()) {
            refused(request, HttpStatus.UNAUTHORIZED, "inbound-timestamp-out-of-tolerance");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "inbound-timestamp-out-of-tolerance",
                    "webhook-timestamp lies " + skew + " s from the server's clock; at most "
                            + tolerance.toSeconds() + " s either way", uri);
            return;
        }
        byte[] body = readBody(request);
        if (body == null) {
            refused(request, HttpStatus.CONTENT_TOO_LARGE, "inbound-body-too-large");
            Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "inbound-body-too-large", "at most " + maxBody
                    + " bytes", uri);
            return;
        }
        for (WebhookSecret secret : secrets) {
            if (WebhookSigner.verify(secret, id, seconds, body, signature)) {
                request.setAttribute(MESSAGE_ID, id);
                request.setAttribute(ACTOR, InboundAudit.actorOf(secret));
                boolean failed = true;
                try {
                    chain.doFilter(new CachedBody(request, body), response);
                    failed = false;
                } finally {
                    audit.unread(request, (String) request.getAttribute(ACTOR), failed ? 500 : response.getStatus());
                }
                return;
            }
        }
        refused(request, HttpStatus.UNAUTHORIZED, "inbound-signature-invalid");
        Problems.write(response, HttpStatus.UNAUTHORIZED, "inbound-signature-invalid",
                "the signature matches none of the configured secrets", uri);
    }

    /** Logs and audits a refusal at the gate (never the headers: they would help forge one). */
    private void refused(HttpServletRequest request, HttpStatus status, String why) {
        log.warn("inbound request refused: {}", why);
        audit.refusedAtTheGate(request, status.value(), why);
    }

    /** The body, or null if longer than the limit. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBody + 1);
            return body.length > maxBody ? null : body;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The request with its body read already, for the controller to read again. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
