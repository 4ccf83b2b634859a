package org.lianxin.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/** The REST calls the live-room ITs make: JSON over the JDK client with HTTP Basic. */
public final class LiveHttp {
    private LiveHttp() {
    }

    public record Resp(int status, String body) {
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static Resp send(HttpClient http, int port, String method, String path, String auth, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", auth)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Resp(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(Resp r) {
        return WsClient.JSON.readTree(r.body());
    }

    public static JsonNode ok(Resp r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return json(r);
    }

    public static void assertProblem(Resp r, int status, String rule) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(json(r).path("rule").asString()).as(r.toString()).isEqualTo(rule);
    }
}
