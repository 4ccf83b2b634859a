package org.lianxin.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application on a fresh PostgreSQL database (dev profile: the Sichuan demo offices and users), attacked
 * over real HTTP on 127.0.0.1 as issue 13's findings describe: through java.net.http, and through a raw socket
 * for request lines no well-behaved client would send. The attack ITs share this one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + AttackedApp.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.data-dir=target/attack-it-data"})
abstract class AttackedApp {
    static final String PASSWORD = "attack-it-demo-password";
    /** The province's administrator. */
    static final String PROVINCE = Http.basic("sc.admin", PASSWORD);
    /** 成都市 (a city). */
    static final String CHENGDU = Http.basic("cd.scheduler", PASSWORD);
    /** 锦江区, a county of 成都市. */
    static final String JINJIANG = Http.basic("jinjiang.scheduler", PASSWORD);
    /** 涪城区, a county of 绵阳市: another city. */
    static final String FUCHENG = Http.basic("fucheng.scheduler", PASSWORD);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Http http;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_attack");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    @BeforeEach
    void connect() {
        http = new Http("http://127.0.0.1:" + port);
    }

    long office(String code) {
        return jdbc.sql("select id from office where code = ?").param(code).query(Long.class).single();
    }

    /** A new official of the office (kind LEADER or DEPARTMENT_OFFICIAL), receiving every day 08:00–20:00. */
    long official(String officeCode, String kind) {
        List<Map<String, String>> windows = Arrays.stream(DayOfWeek.values())
                .map(d -> Map.of("day", d.name(), "start", "08:00", "end", "20:00")).toList();
        Map<String, Object> official = Map.of("officeId", office(officeCode),
                "name", "攻防测试" + UUID.randomUUID().toString().substring(0, 6), "title", "副局长", "kind", kind,
                "slotMinutes", 30, "bufferMinutes", 10, "maxSessionsPerDay", 8, "windows", windows);
        Http.Response r = http.json("POST", "/api/v1/officials", PROVINCE, official);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    static Http.Response ok(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r;
    }

    /** A problem detail: status, content type application/problem+json, the rule, and nothing of the server. */
    static JsonNode problem(Http.Response r, int status, String rule) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.toString()).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode json = r.json();
        assertThat(json.path("rule").asString()).as(r.toString()).isEqualTo(rule);
        assertThat(json.path("type").asString()).isEqualTo("urn:lianxin:problem:" + rule);
        assertThat(json.path("status").asInt()).isEqualTo(status);
        assertThat(r.body()).doesNotContain("Exception", "at org.", "Tomcat", "trace");
        return json;
    }

    /** What came back on a raw socket: status line, headers (lower-case names) and body. */
    record Raw(int status, Map<String, String> headers, String body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + body;
        }
    }

    /** Sends one request exactly as given (the request target's bytes untouched) and reads the whole answer. */
    Raw raw(String method, byte[] target, String auth) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write((method + " ").getBytes(StandardCharsets.US_ASCII));
            request.write(target);
            String headers = " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: */*\r\n"
                    + (auth == null ? "" : "Authorization: " + auth + "\r\n") + "Connection: close\r\n\r\n";
            request.write(headers.getBytes(StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String[] lines = answer.substring(0, end).split("\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                h.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
            }
            String body = answer.substring(end + 4);
            if ("chunked".equalsIgnoreCase(h.get("transfer-encoding"))) body = unchunk(body);
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), h, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Raw raw(String method, String target, String auth) {
        return raw(method, target.getBytes(StandardCharsets.ISO_8859_1), auth);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < bytes.length) {
            int lineEnd = indexOf(bytes, i);
            int size = Integer.parseInt(new String(bytes, i, lineEnd - i, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) break;
            body.append(new String(bytes, lineEnd + 2, size, StandardCharsets.UTF_8));
            i = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') return i;
        }
        return bytes.length;
    }
}
