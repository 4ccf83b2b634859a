package org.lianxin.bench.access;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** The checker's HTTP: one request at a time to the app under test, no redirects followed, no cookie jar. */
final class Http {
    /** How a request authenticates: HTTP Basic, a session cookie (with its CSRF token), or not at all. */
    record Credentials(String basic, String cookie, String csrf) {
        static final Credentials NONE = new Credentials(null, null, null);

        static Credentials basic(String username, String password) {
            return new Credentials(Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8)), null, null);
        }
    }

    record Response(int status, String body, String contentType, List<String> cookies) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String cookie(String name) {
            for (String c : cookies) {
                if (c.startsWith(name + "=")) return c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length()
                        : c.indexOf(';'));
            }
            return null;
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    Http(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String base() {
        return base;
    }

    Response send(String method, String path, Credentials who, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (who.basic() != null) b.header("Authorization", "Basic " + who.basic());
        if (who.cookie() != null) b.header("Cookie", who.cookie());
        if (who.csrf() != null) b.header("X-XSRF-TOKEN", who.csrf());
        b.header("Accept", "application/json, */*;q=0.5");
        if (json != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b.build());
    }

    Response form(String path, String cookie, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if (cookie != null) b.header("Cookie", cookie);
        return send(b.build());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8),
                    r.headers().firstValue("Content-Type").orElse(""), r.headers().allValues("Set-Cookie"));
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
