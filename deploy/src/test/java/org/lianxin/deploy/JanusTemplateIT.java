package org.lianxin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/janus/ run by the real Janus (Debian's package) on loopback, placeholders filled as an operator fills them
 * (ports chosen free so that parallel runs do not collide): it starts with the WebSocket API and the Admin API, and
 * its {@code reclaim_session_timeout} lets a second connection {@code claim} a session whose connection closed —
 * what an app node taking over a room needs (issue 14). The same Janus with reclaim off answers the claim with 458,
 * so the test would see the setting missing.
 */
class JanusTemplateIT {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    @TempDir
    Path temp;

    private Process janus;

    @AfterEach
    void stopJanus() throws InterruptedException {
        if (janus != null) {
            janus.destroy();
            if (!janus.waitFor(10, TimeUnit.SECONDS)) {
                janus.destroyForcibly();
            }
        }
    }

    @Test
    void anotherConnectionClaimsTheSessionOfAClosedOne() throws Exception {
        int port = start(DeployFolder.read("janus/janus.jcfg"));
        String claim = createCloseAndClaim(port);
        assertThat(claim).contains("\"janus\": \"success\"".replace(" ", "")).doesNotContain("error");
    }

    @Test
    void withoutReclaimTheClaimFails() throws Exception {
        String off = DeployFolder.read("janus/janus.jcfg").replace("reclaim_session_timeout = 20",
                "reclaim_session_timeout = 0");
        assertThat(off).contains("reclaim_session_timeout = 0");
        int port = start(off);
        assertThat(createCloseAndClaim(port)).contains("458");
    }

    /** Fills the templates into a folder, starts {@code janus -F} on it, waits for its API; returns its port. */
    private int start(String janusJcfg) throws IOException, InterruptedException {
        String program = Command.require("janus", "janus");
        int ws = freePort();
        int admin = freePort();
        Path conf = temp.resolve("janus");
        Files.createDirectories(conf);
        write(conf, "janus.jcfg", janusJcfg, ws, admin, conf);
        write(conf, "janus.transport.websockets.jcfg", DeployFolder.read("janus/janus.transport.websockets.jcfg"),
                ws, admin, conf);
        write(conf, "janus.plugin.videoroom.jcfg", DeployFolder.read("janus/janus.plugin.videoroom.jcfg"), ws,
                admin, conf);
        Path log = temp.resolve("janus.log");
        janus = new ProcessBuilder(program, "-F", conf.toString(), "--disable-colors").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
            if (text.contains("Websockets server started (port " + ws + ")")
                    && text.contains("Admin Websockets server started (port " + admin + ")")) {
                assertThat(text).doesNotContain("[ERR]");
                return ws;
            }
            assertThat(janus.isAlive()).as("janus exited: " + text).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("Janus did not open its APIs within 30 s: " + Files.readString(log,
                StandardCharsets.ISO_8859_1));
    }

    private static void write(Path conf, String name, String template, int ws, int admin, Path folder)
            throws IOException {
        String filled = template.replace("\"/etc/janus\"", "\"" + folder + "\"")
                .replace("<janus-node-1>", "lianxin-test").replace("<from the secret store>", "test-secret")
                .replace("<eth0>", "lo").replace("<janus-node-1-internal-ip>", "127.0.0.1")
                .replace("<app-network-prefix>", "127.").replace("ws_port = 8188", "ws_port = " + ws)
                .replace("admin_ws_port = 7188", "admin_ws_port = " + admin);
        assertThat(filled.lines().filter(l -> !l.strip().startsWith("#")).filter(l -> l.contains("<")))
                .as("placeholders left in " + name).isEmpty();
        Files.writeString(conf.resolve(name), filled);
    }

    /** create + attach on one connection, close it, claim on a new one: Janus's answer to the claim. */
    private static String createCloseAndClaim(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Janus first = Janus.open(http, port);
        String session = first.ask("{\"janus\":\"create\",\"transaction\":\"t1\"}");
        long id = id(session);
        first.ask("{\"janus\":\"attach\",\"session_id\":" + id
                + ",\"plugin\":\"janus.plugin.videoroom\",\"transaction\":\"t2\"}");
        first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        first.closed.poll(5, TimeUnit.SECONDS);
        Janus second = Janus.open(http, port);
        String claim = second.ask("{\"janus\":\"claim\",\"session_id\":" + id + ",\"transaction\":\"t3\"}");
        second.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        return claim.replace(" ", "");
    }

    private static long id(String reply) {
        Matcher m = ID.matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One WebSocket to Janus's API: a request, then its first answer that is not an ack. */
    private record Janus(WebSocket socket, BlockingQueue<String> replies, BlockingQueue<Boolean> closed) {

        static Janus open(HttpClient http, int port) throws Exception {
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            BlockingQueue<Boolean> closed = new LinkedBlockingQueue<>();
            StringBuilder partial = new StringBuilder();
            WebSocket socket = http.newWebSocketBuilder().subprotocols("janus-protocol")
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                replies.add(partial.toString());
                                partial.setLength(0);
                            }
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                            closed.add(true);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            return new Janus(socket, replies, closed);
        }

        String ask(String request) throws Exception {
            socket.sendText(request, true).get(5, TimeUnit.SECONDS);
            while (true) {
                String reply = replies.poll(10, TimeUnit.SECONDS);
                assertThat(reply).as("Janus's answer to " + request).isNotNull();
                if (!reply.replace(" ", "").contains("\"janus\":\"ack\"")) {
                    return reply;
                }
            }
        }
    }
}
