package org.lianxin.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.testing.TestS3;

/**
 * The Debian package's application, started the way its systemd unit starts it (the unit's ExecStart, with the
 * package's files under a temporary root) with the package's /etc/lianxin/application-prod.yml filled as an operator
 * fills it — PostgreSQL (the test cluster, listed three times as Patroni's members would be), S3 (S3Proxy), the
 * secrets only in the environment: it becomes ready on /actuator/health/readiness, a stop (SIGTERM, what systemd
 * sends) ends it within the unit's TimeoutStopSec with an exit status the unit counts as success, and no secret is
 * in its log.
 */
class PackagedAppIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path temp;

    private Process app;
    private String database;

    @AfterEach
    void stop() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (database != null) {
            try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void theUnitsCommandWithTheFilledTemplateServesAndStopsCleanly() throws Exception {
        String dpkgDeb = Command.require("dpkg-deb", "dpkg");
        Path root = temp.resolve("root");
        Command extract = Command.run(List.of(dpkgDeb, "--extract", System.getProperty("lianxin.deb"), root.toString()));
        assertThat(extract.exitCode()).as(extract.output()).isZero();
        database = "lx_packaged_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        int port = freePort();
        Map<String, String> secrets = secrets();
        try (TestS3 s3 = TestS3.started()) {
            Path config = root.resolve("etc/lianxin/application-prod.yml");
            Files.writeString(config, filled(Files.readString(config), root, port, s3.endpoint()));
            Path log = temp.resolve("app.log");
            ProcessBuilder pb = new ProcessBuilder(command(root)).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(secrets);
            pb.environment().put("LIANXIN_DATA_DIR", root.resolve("var/lib/lianxin").toString());
            app = pb.start();

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(app.isAlive()).as("the application exited: " + tail(log)).isTrue();
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(readiness).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200 && r.body().contains("\"UP\"");
                } catch (IOException e) {
                    return false;
                }
            });

            app.destroy(); // SIGTERM, as systemctl stop
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped within TimeoutStopSec=60: " + tail(log)).isTrue();
            assertThat(app.exitValue()).as("0 or 143 (SuccessExitStatus=143): " + tail(log)).isIn(0, 143);
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                assertThat(text).as(secret.getKey() + " in the log").doesNotContain(secret.getValue());
            }
        }
    }

    /** The packaged unit's ExecStart, its paths under {@code root}, this JVM's java, a small heap. */
    private List<String> command(Path root) throws IOException {
        String unit = Files.readString(root.resolve("lib/systemd/system/lianxin.service"));
        String exec = SystemdUnitsTest.settings(unit).get("ExecStart");
        List<String> command = new ArrayList<>();
        for (String word : exec.split(" ")) {
            if (word.equals("/usr/bin/java")) {
                command.add(ProcessHandle.current().info().command().orElse("java"));
            } else if (word.equals("$JAVA_OPTS")) {
                command.add("-Xmx768m");
            } else if (word.startsWith("/usr/share/lianxin/")) {
                command.add(root + word);
            } else {
                command.add(word.replace("=file:/etc/lianxin/", "=file:" + root + "/etc/lianxin/"));
            }
        }
        assertThat(command).contains("--spring.profiles.active=prod");
        return command;
    }

    private String filled(String template, Path root, int port, URI s3) {
        URI pg = URI.create(env("LIANXIN_TEST_PG_URL").substring("jdbc:".length()));
        String member = pg.getHost() + ":" + pg.getPort();
        String filled = template
                .replace("<pg-1>:5432", member).replace("<pg-2>:5432", member).replace("<pg-3>:5432", member)
                .replace("/lianxin?targetServerType", "/" + database + "?targetServerType")
                .replace("username: lianxin_app", "username: " + env("LIANXIN_TEST_PG_USER"))
                .replace("user: lianxin_owner", "user: " + env("LIANXIN_TEST_PG_USER"))
                .replace("/var/lib/lianxin", root + "/var/lib/lianxin")
                .replace("/etc/lianxin/audit-checkpoint.key", root + "/etc/lianxin/audit-checkpoint.key")
                .replace("https://<s3.example.gov.cn>:9000", s3.toString())
                .replace("ws://<janus-node-1>:8188/", "ws://127.0.0.1:" + closedPort() + "/")
                .replace("ws://<janus-node-2>:8188/", "ws://127.0.0.1:" + closedPort() + "/")
                .replace("ws://127.0.0.1:7188/", "ws://127.0.0.1:" + closedPort() + "/")
                .replace("<turn.example.gov.cn>", "turn.lianxin.test")
                .replace("<app-node-1>", "packaged-it").replace("<app-node-1-media-ip>", "127.0.0.1")
                .replace("<app-node-1-internal-ip>", "127.0.0.1").replace("port: 8080", "port: " + port)
                .replace("<smtp.example.gov.cn>", "127.0.0.1").replace("<lianxin-notices>", "notices")
                .replace("<noreply@example.gov.cn>", "noreply@lianxin.test");
        assertThat(filled.lines().filter(l -> !l.strip().startsWith("#")).filter(l -> l.contains("<")))
                .as("placeholders left").isEmpty();
        return filled;
    }

    /** What /etc/lianxin/lianxin.env holds, with fresh values (the test PostgreSQL's and S3Proxy's where fixed). */
    private static Map<String, String> secrets() {
        Map<String, String> env = new HashMap<>();
        env.put("LIANXIN_SCHEDULER_IDENTITYKEY", base64(32));
        env.put("LIANXIN_PERSONALDATA_KEY", base64(32));
        env.put("LIANXIN_SIGNALING_TOKENSECRET", base64(48));
        env.put("LIANXIN_SIGNALING_JANUSADMINKEY", base64(18));
        env.put("LIANXIN_SIGNALING_JANUSADMINSECRET", base64(18));
        env.put("LIANXIN_TURN_SECRET", base64(24));
        env.put("LIANXIN_RECORDING_STORAGE_S3_ACCESSKEY", TestS3.ACCESS_KEY);
        env.put("LIANXIN_RECORDING_STORAGE_S3_SECRETKEY", TestS3.SECRET_KEY);
        env.put("SPRING_DATASOURCE_PASSWORD", env("LIANXIN_TEST_PG_PASSWORD"));
        env.put("SPRING_FLYWAY_PASSWORD", env("LIANXIN_TEST_PG_PASSWORD"));
        env.put("LIANXIN_NOTIFICATION_MAIL_PASSWORD", base64(18));
        return env;
    }

    private static String base64(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalStateException("No test PostgreSQL: " + name + " not set. Run the build through"
                    + " ./lianxin test (./lianxin test -pl deploy -am …)");
        }
        return v;
    }

    private static Connection connect(String db) throws SQLException {
        URI pg = URI.create(env("LIANXIN_TEST_PG_URL").substring("jdbc:".length()));
        return DriverManager.getConnection("jdbc:postgresql://" + pg.getHost() + ":" + pg.getPort() + "/" + db,
                env("LIANXIN_TEST_PG_USER"), env("LIANXIN_TEST_PG_PASSWORD"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A port nothing listens on (Janus is not part of this test: the app runs without it, media unavailable). */
    private static int closedPort() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
