package org.lianxin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lianxin.signaling.testing.JanusTestHost;

/**
 * The application nodes of a {@link Topology}: deploy/app/application-prod.yml filled per node, each a child JVM of
 * the web module's {@code LianxinApplication} with the secrets in its environment, started, killed and awaited.
 */
final class TopologyApps implements AutoCloseable {
    /** One application node: its name (= HAProxy server name = instance id), port, filled config and process. */
    static final class App {
        final String name;
        final int port;
        final Path config;
        final Path log;
        Process process;

        App(String name, int port, Path config, Path log) {
            this.name = name;
            this.port = port;
            this.config = config;
            this.log = log;
        }
    }

    /** What a node's application-prod.yml is filled with besides its name, port and RTP ports. */
    record Fill(String databaseMember, String database, String databaseUser, Path dir, String s3Endpoint,
                JanusTestHost janus1, JanusTestHost janus2, String turnAddress) {
    }

    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<String, String> environment;

    /** @param environment what each node gets in its environment (secrets, the demo password) */
    TopologyApps(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Writes the node's filled configuration; it starts with {@link #start}. */
    void add(String name, int port, int rtpMin, Path deploy, Fill fill) throws IOException {
        Path config = fill.dir().resolve(name + "-application-prod.yml");
        Files.writeString(config, filled(Files.readString(deploy.resolve("app/application-prod.yml")), name, port,
                rtpMin, fill));
        apps.put(name, new App(name, port, config, fill.dir().resolve(name + ".log")));
    }

    App get(String name) {
        return apps.get(name);
    }

    Collection<App> all() {
        return apps.values();
    }

    static String filled(String template, String name, int port, int rtpMin, Fill f) {
        // the app nodes reach PostgreSQL through the link the test can cut (DatabaseLink)
        String member = f.databaseMember();
        Path data = f.dir().resolve(name + "-data");
        JanusTestHost janus1 = f.janus1();
        JanusTestHost janus2 = f.janus2();
        String filled = template
                .replace("<pg-1>:5432", member).replace("<pg-2>:5432", member).replace("<pg-3>:5432", member)
                .replace("/lianxin?targetServerType", "/" + f.database() + "?targetServerType")
                .replace("username: lianxin_app", "username: " + f.databaseUser())
                .replace("user: lianxin_owner", "user: " + f.databaseUser())
                .replace("/etc/lianxin/audit-checkpoint.key", data + "/audit-checkpoint.key")
                .replace("/var/lib/lianxin", data.toString())
                .replace("https://<s3.example.gov.cn>:9000", f.s3Endpoint())
                // each Janus node with its own keys (the template allows per-node admin-key / admin-secret);
                // the Admin API stays on the Janus host's loopback (deploy/janus/), so no admin-url here
                .replaceAll("(?m)^        url: ws://<janus-node-1>:8188/$", "        url: " + janus1.wsUrl()
                        + "\n        admin-key: " + janus1.adminKey() + "\n        admin-secret: " + janus1.adminSecret())
                .replaceAll("(?m)^        url: ws://<janus-node-2>:8188/$", "        url: " + janus2.wsUrl()
                        + "\n        admin-key: " + janus2.adminKey() + "\n        admin-secret: " + janus2.adminSecret())
                .replaceAll("(?m)^        admin-url: ws://127.0.0.1:7188/\\n", "")
                .replaceAll("(?m)^    janus-admin-url: ws://127.0.0.1:7188/\\n", "")
                .replace("ws://<janus-node-1>:8188/", janus1.wsUrl().toString())
                // coturn (TopologyTurn) by its address; the secret stays ${LIANXIN_TURN_SECRET}, in the environment
                .replace("<turn.example.gov.cn>", f.turnAddress())
                .replace("instance-id: <app-node-1>", "instance-id: " + name)
                .replace("<app-node-1-media-ip>", janus1.hostAddress())
                .replace("rtp-port-min: 30000", "rtp-port-min: " + rtpMin)
                .replace("rtp-port-max: 30999", "rtp-port-max: " + (rtpMin + 49))
                .replace("address: <app-node-1-internal-ip>", "address: 127.0.0.1")
                .replace("port: 8080", "port: " + port)
                .replace("<smtp.example.gov.cn>", "127.0.0.1").replace("<lianxin-notices>", "notices")
                .replace("<noreply@example.gov.cn>", "noreply@lianxin.test");
        Topology.requireFilled("application-prod.yml", filled);
        return filled;
    }

    void start(String name) throws IOException {
        App app = apps.get(name);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("lianxin.bench.classpath", System.getProperty("java.class.path")),
                "org.lianxin.web.LianxinApplication", "--spring.profiles.active=prod,dev",
                "--spring.config.additional-location=file:" + app.config,
                // what a failing run needs to be understood: the takeovers, joins and Janus connections (the
                // template's level hides them); the secrets check then reads these lines too
                "--logging.level.org.lianxin.signaling=INFO", "--logging.level.org.lianxin.web.live=INFO",
                "--logging.level.org.lianxin.web.cluster=INFO"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(app.log.toFile()));
        pb.environment().putAll(environment);
        app.process = pb.start();
    }

    void awaitReady(String name) throws InterruptedException {
        App app = apps.get(name);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI readiness = URI.create("http://127.0.0.1:" + app.port + "/actuator/health/readiness");
        Topology.await(name + " ready", 300, () -> {
            if (!app.process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + logTail(name, 6000));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    boolean running(String name) {
        Process p = apps.get(name).process;
        return p != null && p.isAlive();
    }

    void kill(String name) {
        Topology.kill(apps.get(name).process);
    }

    /** The node's log so far (the last {@code chars} characters). */
    String logTail(String name, int chars) {
        try {
            String text = Files.readString(apps.get(name).log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - chars));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Every node's log, for the secrets check. */
    String logs() {
        StringBuilder all = new StringBuilder();
        for (App a : apps.values()) {
            try {
                all.append(Files.readString(a.log, StandardCharsets.UTF_8));
            } catch (IOException e) {
                // not started
            }
        }
        return all.toString();
    }

    @Override
    public void close() {
        apps.values().forEach(a -> {
            if (a.process != null) Topology.kill(a.process);
        });
    }
}
