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
import java.util.HexFormat;
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
    private TopologyApps apps;
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(15));
    private JanusTestHost janus1;
    private JanusTestHost janus2;
    private TestS3 s3;
    private String database;
    private DatabaseLink databaseLink;
    private TopologyCounty county;
    private final String turnSecret = HexFormat.of().formatHex(bytes(32));

    /** On JVM exit (a forked test JVM stopped, ^C of the bench) the child processes go too: coturn, HAProxy, apps. */
    private final Thread shutdownHook = new Thread(this::close, "topology-cleanup");

    private Topology(Path deploy, Path dir) {
        this.deploy = deploy;
        this.dir = dir;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Whether this machine can run it: root, Janus, ip, HAProxy, openssl, Chromium, and the test PostgreSQL. */
    static String missing() {
        List<String> missing = new ArrayList<>();
        if (!JanusTestHost.available()) missing.add("root, ip and /usr/bin/janus");
        for (String tool : List.of("/usr/sbin/haproxy", "/usr/bin/openssl", TopologyTurn.TURNSERVER.toString(),
                TopologyCounty.NFT.toString())) {
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
        janus1 = TopologyJanus.templated(JanusTestHost.start(), "janus-1");
        closing.add(0, janus1);
        janus2 = TopologyJanus.templated(JanusTestHost.start(), "janus-2");
        closing.add(0, janus2);
        // both Janus namespaces reach the recorders (on janus-1's host address) and coturn's relay address (on the
        // county's link) through this host
        TopologyJanus.route(janus1);
        TopologyJanus.route(janus2);
        county = TopologyCounty.start(dir);
        closing.add(0, county);
        Process coturn = TopologyTurn.start(deploy, dir, county.turnAddress(), turnSecret,
                List.of(janus1.janusAddress(), janus2.janusAddress()));
        closing.add(0, () -> kill(coturn));
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
        Map<String, String> environment = new LinkedHashMap<>(secrets);
        environment.put("LIANXIN_DEMO_PASSWORD", password);
        apps = new TopologyApps(environment);
        closing.add(0, apps);
        TopologyApps.Fill fill = new TopologyApps.Fill("127.0.0.1:" + databaseLink.port(), database,
                env("LIANXIN_TEST_PG_USER"), dir, s3.endpoint().toString(), janus1, janus2, county.turnAddress());
        for (int i = 0; i < APPS.size(); i++) {
            apps.add(APPS.get(i), freePort(), rtpBase + i * 50, deploy, fill);
        }
        // the first node migrates the database and loads the demo data; the second starts on them
        for (String name : APPS) {
            apps.start(name);
            apps.awaitReady(name);
        }
        Process haproxy = TopologyHaproxy.start(deploy, dir, county.frontAddress(), apps.get("app1").port,
                apps.get("app2").port);
        closing.add(0, () -> kill(haproxy));
        county.startChromedriver();
        System.out.println("topology: HAProxy " + publicUrl() + ", coturn " + county.turnAddress() + ":443, county "
                + county.countyAddress() + ", app1 :" + apps.get("app1").port
                + ", app2 :" + apps.get("app2").port + ", Janus " + janus1.wsUrl() + " and " + janus2.wsUrl()
                + ", S3 " + s3.endpoint() + ", database " + database + ", files " + dir);
    }

    // ------------------------------------------------------------------ what tests and the bench use

    /** Where browsers go: HAProxy's HTTPS frontend (on 443 of its address on the county's link). */
    String publicUrl() {
        return "https://" + county.frontAddress();
    }

    /** The county: its namespace, firewall and browsers. */
    TopologyCounty county() {
        return county;
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
        return apps.running(name);
    }

    /** kill -9 of one app node (no goodbye to Janus, the browsers or the database). */
    void killApp(String name) {
        apps.kill(name);
    }

    /** Starts a node again (after {@link #killApp}) and waits until it is ready. */
    void restartApp(String name) throws Exception {
        apps.start(name);
        apps.awaitReady(name);
    }

    /**
     * Starts again every app node that is not running (a scenario that failed between its kill and its restart), so
     * that the next scenario — or the next IT sharing the topology — starts with both; returns their names.
     */
    List<String> restartStopped() throws Exception {
        List<String> restarted = new ArrayList<>();
        for (String name : APPS) {
            if (!running(name)) {
                restartApp(name);
                restarted.add(name);
            }
        }
        return restarted;
    }

    /** The node holding the live room's lease now (cluster_lease row room:&lt;id&gt;, unexpired), or null. */
    String owner(String roomId) {
        return TopologyCatalog.owner(connector(), roomId);
    }

    /** The id of the booking's newest recording once it has ended with a manifest, or -1. */
    long endedRecordingOfBooking(long bookingId) {
        return TopologyCatalog.endedRecordingOfBooking(connector(), bookingId);
    }

    /** How many participants of the booking's open recording have a chained segment in series {@code series}+. */
    int participantsRecorded(long bookingId, int series) {
        return TopologyCatalog.participantsRecorded(connector(), bookingId, series);
    }

    private TopologyCatalog.Connector connector() {
        return () -> connect(database);
    }

    /** The recordings' storage as the app nodes use it (S3Proxy, deploy/app/application-prod.yml's bucket). */
    org.lianxin.recording.storage.ObjectStore recordingStore() {
        return org.lianxin.recording.storage.ObjectStores.s3(s3.settings("lianxin-recordings"));
    }

    /** The node's log so far (the last {@code chars} characters). */
    String logTail(String name, int chars) {
        return apps.logTail(name, chars);
    }

    /** coturn's log so far (the last {@code chars} characters). */
    String turnLogTail(int chars) {
        String text = read(dir.resolve("turn.log"));
        return text.substring(Math.max(0, text.length() - chars));
    }

    /** The names of the secrets (TURN, tokens, database …) whose values stand in an app node's log: none, or a leak. */
    List<String> secretsInLogs() {
        String logs = apps.logs();
        return secrets.entrySet().stream().filter(e -> logs.contains(e.getValue())).map(Map.Entry::getKey).sorted()
                .toList();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("topology cleanup: " + e);
            }
        }
        closing.clear();
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs and finds nothing left
            }
        }
    }

    // ------------------------------------------------------------------ the application nodes' secrets

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
        env.put("LIANXIN_TURN_SECRET", turnSecret);
        return env;
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

    static void requireFilled(String name, String filled) {
        List<String> left = filled.lines().filter(l -> !l.strip().startsWith("#")).filter(l -> l.contains("<"))
                .toList();
        if (!left.isEmpty()) {
            throw new IllegalStateException("placeholders left in " + name + ": " + left);
        }
    }

    static void kill(Process p) {
        if (p == null || !p.isAlive()) return;
        try {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String run(List<String> command) {
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

    static String read(Path file) {
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

    static int freePort() throws IOException {
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
