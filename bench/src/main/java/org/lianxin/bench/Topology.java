package org.lianxin.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.lianxin.recording.testing.TestS3;
import org.lianxin.signaling.testing.JanusTestHost;

/**
 * The province's topology on one machine (issue 14), run with deploy/'s templates filled the way an operator fills
 * them: two Janus nodes ({@link JanusTestHost}: each in a network namespace of its own, its configuration replaced by
 * deploy/janus/*.jcfg and restarted), two application nodes {@code app1}, {@code app2} (child JVMs of the web
 * module's {@code LianxinApplication} with {@code --spring.profiles.active=prod,dev} and deploy/app/application-prod.yml
 * filled, secrets in the environment as /etc/lianxin/lianxin.env gives them), HAProxy from deploy/haproxy/haproxy.cfg
 * (a certificate made here with openssl, its two frontends on 127.0.0.1), PostgreSQL (a database of its own in the
 * throwaway cluster of {@code ./lianxin test|bench}, LIANXIN_TEST_PG_*) and S3Proxy in this JVM ({@link TestS3}).
 *
 * <p>Deviations from production, each needed to run on one machine: the app nodes are started from the reactor's
 * classpath, not the packaged jar (Spring Boot's repackage plugin is not in this machine's offline Maven repository);
 * the {@code dev} profile is added for its demo users and offices (the first node loads them, the second finds them);
 * both app nodes listen on 127.0.0.1 (ports chosen free) and their recorders on Janus node 1's veth address, which both
 * Janus namespaces reach through a default route to this host; Janus's Admin API stays on its namespace's loopback, so
 * the app nodes run without it (the template says how: no admin-url); HAProxy runs in the foreground (-db) without
 * syslog, chroot, user switch and stats socket, with maxconn 2000 (the test process's file limit); no coturn (the browsers reach Janus directly), so the TURN keys are
 * taken out; the app nodes reach PostgreSQL through a relay in this JVM ({@link DatabaseLink}) so that the database
 * can be taken away from them without stopping the launcher's cluster.
 */
final class Topology implements AutoCloseable {
    static final List<String> APPS = List.of("app1", "app2");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path deploy;
    private final Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(15));
    private JanusTestHost janus1;
    private JanusTestHost janus2;
    private TestS3 s3;
    private String database;
    private Process haproxy;
    private int httpsPort;
    private DatabaseLink databaseLink;

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

    private Topology(Path deploy, Path dir) {
        this.deploy = deploy;
        this.dir = dir;
    }

    /** Whether this machine can run it: root, Janus, ip, HAProxy, openssl, Chromium, and the test PostgreSQL. */
    static String missing() {
        List<String> missing = new ArrayList<>();
        if (!JanusTestHost.available()) missing.add("root, ip and /usr/bin/janus");
        for (String tool : List.of("/usr/sbin/haproxy", "/usr/bin/openssl")) {
            if (!Files.isExecutable(Path.of(tool))) missing.add(tool);
        }
        if (!Chromium.available()) missing.add("chromium and chromedriver");
        if (System.getenv("LIANXIN_TEST_PG_URL") == null) missing.add("LIANXIN_TEST_PG_URL (run through ./lianxin)");
        return String.join(", ", missing);
    }

    /** Starts everything; returns once HAProxy sees both app nodes ready. */
    static Topology start() throws Exception {
        Topology t = new Topology(deployFolder(), Files.createTempDirectory("lianxin-topology-"));
        try {
            t.boot();
            return t;
        } catch (Exception | Error e) {
            t.close();
            throw e;
        }
    }

    private void boot() throws Exception {
        closing.add(0, () -> ReviewLatencyBench.deleteTree(dir));
        janus1 = templated(JanusTestHost.start(), "janus-1");
        closing.add(0, janus1);
        janus2 = templated(JanusTestHost.start(), "janus-2");
        closing.add(0, janus2);
        // both Janus namespaces reach the recorders (on janus-1's host address) through this host
        route(janus2);
        s3 = TestS3.started();
        closing.add(0, s3);
        database = "lx_topology_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        closing.add(0, () -> {
            try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        });
        URI pg = URI.create(env("LIANXIN_TEST_PG_URL").substring("jdbc:".length()));
        databaseLink = new DatabaseLink(pg.getHost(), pg.getPort());
        closing.add(0, databaseLink);
        secrets.putAll(secrets());
        int rtpBase = 31000 + ThreadLocalRandom.current().nextInt(0, 80) * 100;
        for (int i = 0; i < APPS.size(); i++) {
            String name = APPS.get(i);
            Path config = dir.resolve(name + "-application-prod.yml");
            int port = freePort();
            Files.writeString(config, filledApp(Files.readString(deploy.resolve("app/application-prod.yml")), name,
                    port, rtpBase + i * 50));
            apps.put(name, new App(name, port, config, dir.resolve(name + ".log")));
        }
        closing.add(0, () -> apps.values().forEach(a -> {
            if (a.process != null) kill(a.process);
        }));
        // the first node migrates the database and loads the demo data; the second starts on them
        for (String name : APPS) {
            startApp(name);
            awaitReady(name);
        }
        startHaproxy();
        System.out.println("topology: HAProxy https://127.0.0.1:" + httpsPort + ", app1 :" + apps.get("app1").port
                + ", app2 :" + apps.get("app2").port + ", Janus " + janus1.wsUrl() + " and " + janus2.wsUrl()
                + ", S3 " + s3.endpoint() + ", database " + database + ", files " + dir);
    }

    // ------------------------------------------------------------------ what tests and the bench use

    /** Where browsers go: HAProxy's HTTPS frontend. */
    String publicUrl() {
        return "https://127.0.0.1:" + httpsPort;
    }

    /** One node directly (plain HTTP, as HAProxy reaches it): for the REST calls of the test itself. */
    String appUrl(String name) {
        return "http://127.0.0.1:" + apps.get(name).port;
    }

    /** The demo users' password (the {@code dev} profile's users). */
    String password() {
        return password;
    }

    /** The app nodes' connection to PostgreSQL: {@link DatabaseLink#cut()} takes the database away from them. */
    DatabaseLink databaseLink() {
        return databaseLink;
    }

    JanusTestHost janus1() {
        return janus1;
    }

    JanusTestHost janus2() {
        return janus2;
    }

    TestS3 s3() {
        return s3;
    }

    boolean running(String name) {
        Process p = apps.get(name).process;
        return p != null && p.isAlive();
    }

    /** kill -9 of one app node (no goodbye to Janus, the browsers or the database). */
    void killApp(String name) {
        kill(apps.get(name).process);
    }

    /** Starts a node again (after {@link #killApp}) and waits until it is ready. */
    void restartApp(String name) throws Exception {
        startApp(name);
        awaitReady(name);
    }

    /** The node holding the live room's lease now (cluster_lease row room:&lt;id&gt;, unexpired), or null. */
    String owner(String roomId) {
        try (Connection c = connect(database);
             PreparedStatement s = c.prepareStatement(
                     "select node, holder from cluster_lease where name = ? and expires_at > now()")) {
            s.setString(1, "room:" + roomId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? (r.getString(1) != null ? r.getString(1) : r.getString(2)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the booking's newest recording once it has ended with a manifest (catalog table recording), or -1. */
    long endedRecordingOfBooking(long bookingId) {
        try (Connection c = connect(database);
             PreparedStatement s = c.prepareStatement("select id from recording where booking_id = ? and status in"
                     + " ('COMPLETED', 'INTERRUPTED', 'EMPTY') and manifest_key is not null order by id desc")) {
            s.setLong(1, bookingId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How many participants of the booking's open recording have a chained segment in a track of series
     * {@code series} or later (catalog tables recording_track, recording_segment).
     */
    int participantsRecorded(long bookingId, int series) {
        try (Connection c = connect(database);
             PreparedStatement s = c.prepareStatement("select count(distinct t.participant_id) from recording r"
                     + " join recording_track t on t.recording_id = r.id join recording_segment g"
                     + " on g.recording_id = r.id and g.track_id = t.track_id"
                     + " where r.booking_id = ? and r.status = 'RECORDING' and t.series >= ?")) {
            s.setLong(1, bookingId);
            s.setInt(2, series);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The recordings' storage as the app nodes use it (S3Proxy, deploy/app/application-prod.yml's bucket). */
    org.lianxin.recording.storage.ObjectStore recordingStore() {
        return org.lianxin.recording.storage.ObjectStores.s3(s3.settings("lianxin-recordings"));
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

    Map<String, String> secretValues() {
        return Map.copyOf(secrets);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("topology cleanup: " + e);
            }
        }
        closing.clear();
    }

    // ------------------------------------------------------------------ Janus

    /** The Janus host with deploy/janus/*.jcfg in place of its generated configuration, restarted on them. */
    private static JanusTestHost templated(JanusTestHost host, String name) throws IOException {
        try {
            Path folder = host.logFile().getParent();
            Path templates = deployFolder().resolve("janus");
            for (String file : List.of("janus.jcfg", "janus.transport.websockets.jcfg", "janus.plugin.videoroom.jcfg")) {
                String secret = file.equals("janus.jcfg") ? host.adminSecret() : host.adminKey();
                String filled = Files.readString(templates.resolve(file))
                        .replace("\"/etc/janus\"", "\"" + folder + "\"")
                        .replace("<janus-node-1>", name).replace("<from the secret store>", secret)
                        .replace("<eth0>", host.peerInterface())
                        .replace("<janus-node-1-internal-ip>", host.janusAddress())
                        .replace("<app-network-prefix>", host.hostAddress()); // the app nodes reach it from there
                requireFilled(file, filled);
                Files.writeString(folder.resolve(file), filled);
            }
            host.restartJanus();
            return host;
        } catch (IOException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /** A default route in the Janus host's namespace via its veth peer on this host. */
    private static void route(JanusTestHost h) {
        run(List.of("ip", "netns", "exec", h.namespace(), "ip", "route", "replace", "default", "via", h.hostAddress()));
    }

    // ------------------------------------------------------------------ the application nodes

    private String filledApp(String template, String name, int port, int rtpMin) {
        // the app nodes reach PostgreSQL through the link the test can cut (DatabaseLink)
        String member = "127.0.0.1:" + databaseLink.port();
        Path data = dir.resolve(name + "-data");
        String filled = template
                .replace("<pg-1>:5432", member).replace("<pg-2>:5432", member).replace("<pg-3>:5432", member)
                .replace("/lianxin?targetServerType", "/" + database + "?targetServerType")
                .replace("username: lianxin_app", "username: " + env("LIANXIN_TEST_PG_USER"))
                .replace("user: lianxin_owner", "user: " + env("LIANXIN_TEST_PG_USER"))
                .replace("/etc/lianxin/audit-checkpoint.key", data + "/audit-checkpoint.key")
                .replace("/var/lib/lianxin", data.toString())
                .replace("https://<s3.example.gov.cn>:9000", s3.endpoint().toString())
                // each Janus node with its own keys (the template allows per-node admin-key / admin-secret);
                // the Admin API stays on the Janus host's loopback (deploy/janus/), so no admin-url here
                .replaceAll("(?m)^        url: ws://<janus-node-1>:8188/$", "        url: " + janus1.wsUrl()
                        + "\n        admin-key: " + janus1.adminKey() + "\n        admin-secret: " + janus1.adminSecret())
                .replaceAll("(?m)^        url: ws://<janus-node-2>:8188/$", "        url: " + janus2.wsUrl()
                        + "\n        admin-key: " + janus2.adminKey() + "\n        admin-secret: " + janus2.adminSecret())
                .replaceAll("(?m)^        admin-url: ws://127.0.0.1:7188/\\n", "")
                .replaceAll("(?m)^    janus-admin-url: ws://127.0.0.1:7188/\\n", "")
                .replace("ws://<janus-node-1>:8188/", janus1.wsUrl().toString())
                // no coturn in this topology: "Remove urls and secret to run without TURN"
                .replaceAll("(?m)^    urls: turn:<turn.example.gov.cn>.*\\n", "")
                .replaceAll("(?m)^    secret: \\$\\{LIANXIN_TURN_SECRET}\\n", "")
                .replace("instance-id: <app-node-1>", "instance-id: " + name)
                .replace("<app-node-1-media-ip>", janus1.hostAddress())
                .replace("rtp-port-min: 30000", "rtp-port-min: " + rtpMin)
                .replace("rtp-port-max: 30999", "rtp-port-max: " + (rtpMin + 49))
                .replace("address: <app-node-1-internal-ip>", "address: 127.0.0.1")
                .replace("port: 8080", "port: " + port)
                .replace("<smtp.example.gov.cn>", "127.0.0.1").replace("<lianxin-notices>", "notices")
                .replace("<noreply@example.gov.cn>", "noreply@lianxin.test");
        requireFilled("application-prod.yml", filled);
        return filled;
    }

    private void startApp(String name) throws IOException {
        App app = apps.get(name);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("lianxin.bench.classpath", System.getProperty("java.class.path")),
                "org.lianxin.web.LianxinApplication", "--spring.profiles.active=prod,dev",
                "--spring.config.additional-location=file:" + app.config));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(app.log.toFile()));
        pb.environment().putAll(secrets);
        pb.environment().put("LIANXIN_DEMO_PASSWORD", password);
        app.process = pb.start();
    }

    private void awaitReady(String name) throws InterruptedException {
        App app = apps.get(name);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI readiness = URI.create(appUrl(name) + "/actuator/health/readiness");
        await(name + " ready", 300, () -> {
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

    /** What /etc/lianxin/lianxin.env holds (PackagedAppIT's list), fresh values; the test PostgreSQL's and S3's. */
    private Map<String, String> secrets() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LIANXIN_SCHEDULER_IDENTITYKEY", base64(32));
        env.put("LIANXIN_PERSONALDATA_KEY", base64(32));
        env.put("LIANXIN_SIGNALING_TOKENSECRET", base64(48));
        env.put("LIANXIN_SIGNALING_JANUSADMINKEY", janus1.adminKey());
        env.put("LIANXIN_SIGNALING_JANUSADMINSECRET", janus1.adminSecret());
        env.put("LIANXIN_RECORDING_STORAGE_S3_ACCESSKEY", TestS3.ACCESS_KEY);
        env.put("LIANXIN_RECORDING_STORAGE_S3_SECRETKEY", TestS3.SECRET_KEY);
        env.put("SPRING_DATASOURCE_PASSWORD", env("LIANXIN_TEST_PG_PASSWORD"));
        env.put("SPRING_FLYWAY_PASSWORD", env("LIANXIN_TEST_PG_PASSWORD"));
        env.put("LIANXIN_NOTIFICATION_MAIL_PASSWORD", base64(18));
        return env;
    }

    // ------------------------------------------------------------------ HAProxy

    private void startHaproxy() throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1"));
        Path pem = dir.resolve("lianxin.pem");
        Files.writeString(pem, Files.readString(cert) + Files.readString(key));
        httpsPort = freePort();
        String cfg = Files.readString(deploy.resolve("haproxy/haproxy.cfg"))
                .replaceAll("(?m)^\\tlog /dev/log.*\\n", "")
                .replaceAll("(?m)^\\t(chroot|user|group|daemon|stats socket|stats timeout)\\b.*\\n", "")
                // the file descriptor limit of a test process (20000 connections need twice as many)
                .replace("maxconn 20000", "maxconn 2000")
                .replace("bind :80", "bind 127.0.0.1:" + freePort())
                .replace("bind :443 ssl crt /etc/haproxy/certs/lianxin.pem",
                        "bind 127.0.0.1:" + httpsPort + " ssl crt " + pem)
                .replace("<app-node-1-internal-ip>:8080", "127.0.0.1:" + apps.get("app1").port)
                .replace("<app-node-2-internal-ip>:8080", "127.0.0.1:" + apps.get("app2").port)
                .replace("127.0.0.1:8888", "127.0.0.1:" + freePort());
        requireFilled("haproxy.cfg", cfg);
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        Path log = dir.resolve("haproxy.log");
        haproxy = new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        closing.add(0, () -> kill(haproxy));
        HttpClient insecure = Insecure.client();
        URI readiness = URI.create(publicUrl() + "/actuator/health/readiness");
        // both servers up in HAProxy's checks (rise 2, inter 2 s): a few requests all answered
        await("HAProxy serving", 60, () -> {
            if (!haproxy.isAlive()) {
                throw new IllegalStateException("haproxy exited: " + read(log));
            }
            try {
                return insecure.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    // ------------------------------------------------------------------ small parts

    /** deploy/ of this checkout: found from the working directory upwards. */
    static Path deployFolder() {
        String given = System.getProperty("lianxin.deploy.dir");
        if (given != null) {
            return Path.of(given);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/app/application-prod.yml"))) {
                return p.resolve("deploy");
            }
        }
        throw new IllegalStateException("no deploy/ folder above " + Path.of("").toAbsolutePath());
    }

    private static void requireFilled(String name, String filled) {
        List<String> left = filled.lines().filter(l -> !l.strip().startsWith("#")).filter(l -> l.contains("<"))
                .toList();
        if (!left.isEmpty()) {
            throw new IllegalStateException("placeholders left in " + name + ": " + left);
        }
    }

    private static void kill(Process p) {
        if (p == null || !p.isAlive()) return;
        try {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    static void await(String what, int seconds, BooleanSupplier until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!until.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalStateException(name + " not set: run through ./lianxin test or ./lianxin bench");
        }
        return v;
    }

    private Connection connect(String db) throws SQLException {
        URI pg = URI.create(env("LIANXIN_TEST_PG_URL").substring("jdbc:".length()));
        return DriverManager.getConnection("jdbc:postgresql://" + pg.getHost() + ":" + pg.getPort() + "/" + db,
                env("LIANXIN_TEST_PG_USER"), env("LIANXIN_TEST_PG_PASSWORD"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String base64(int n) {
        return Base64.getEncoder().encodeToString(bytes(n));
    }
}
