package org.lianxin.audit.tsa;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * RFC 3161 over HTTP ({@code application/timestamp-query} POSTed, {@code application/timestamp-reply} back): a
 * SHA-256 imprint, a random nonce, the TSA's certificate asked for; the reply is checked against the request (status
 * granted, same imprint and nonce) before its token is returned.
 */
public final class Rfc3161Client implements TimestampAuthority {
    private static final SecureRandom NONCES = new SecureRandom();

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    public Rfc3161Client(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public byte[] stamp(byte[] sha256) throws IOException {
        TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
        gen.setCertReq(true);
        TimeStampRequest request = gen.generate(NISTObjectIdentifiers.id_sha256, sha256,
                new BigInteger(64, NONCES));
        HttpRequest post = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build();
        HttpResponse<byte[]> reply;
        try {
            reply = http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + describe(), e);
        }
        if (reply.statusCode() != 200) {
            throw new IOException(describe() + " answered HTTP " + reply.statusCode());
        }
        try {
            TimeStampResponse response = new TimeStampResponse(reply.body());
            response.validate(request);
            if (response.getTimeStampToken() == null) {
                throw new IOException(describe() + " granted no token: " + response.getStatusString());
            }
            return response.getTimeStampToken().getEncoded();
        } catch (TSPException e) {
            throw new IOException(describe() + " answered no valid timestamp: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "TSA " + url.getScheme() + "://" + url.getAuthority() + url.getPath();
    }
}
