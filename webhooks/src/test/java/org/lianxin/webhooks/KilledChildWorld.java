package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.lianxin.notification.NotificationModule;
import org.lianxin.scheduler.testing.TestDatabases;
import org.lianxin.webhooks.http.JdkHttpTransport;
import org.lianxin.webhooks.testing.QuietNotifications;
import org.lianxin.webhooks.testing.Receiver;
import org.lianxin.webhooks.testing.Receiver.Answer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A webhooks node in a child JVM ({@link CrashChild}) that the test kills with {@code kill -9}, and the parent's own
 * modules on the same PostgreSQL database: what {@link RestartTakesBackItsLeasesIT} and {@link DeadPeerTakeOverIT}
 * share. The child's lease is two minutes, so that anything sent again within a test's time was taken back or over,
 * never lapsed.
 */
abstract class KilledChildWorld {
    static final Duration LEASE = Duration.ofMinutes(2);

    TestDatabases.Jdbc db;
    HikariDataSource ds;
    Receiver receiver;
    Process child;
    /** The parent's dispatching node (a restart of the child's, or a live peer), closed after the test. */
    WebhooksModule parentNode;
    WebhooksModule emitter;
    Connection lingering;

    /** The test database's purpose (each IT class a database of its own). */
    abstract String database();

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabases.postgresUrl(database());
        ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.user());
        ds.setPassword(db.password());
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        receiver = new Receiver();
        emitter = module("emitter"); // emits from the parent; its dispatcher is not started
        emitter.webhooks().create(2, new EndpointDraft(receiver.url(), "省信访信息系统", Set.of(), true));
    }

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (parentNode != null) {
            parentNode.dispatcher().close();
        }
        if (lingering != null) {
            try {
                lingering.close();
            } catch (java.sql.SQLException e) {
                // closed already
            }
        }
        receiver.close();
        ds.close();
    }

    WebhooksModule module(String node) {
        return module(CrashChild.settings(node, LEASE));
    }

    WebhooksModule module(WebhookSettings settings) {
        DataSourceTransactionManager tx = new DataSourceTransactionManager(ds);
        NotificationModule notifications = QuietNotifications.module(ds, tx, Clock.systemUTC(), settings.node());
        return WebhooksModule.create(ds, tx, new JdkHttpTransport(Duration.ofSeconds(5), Clock.systemUTC()),
                notifications.notifications(), Clock.systemUTC(), settings, WebhookWorld.SECRETS_KEY);
    }

    /**
     * Takes node {@code node}'s advisory lock on a session of the test's own, as the killed child's session holds it
     * while PostgreSQL has not closed it yet (waits for that session to end first): the lingering session, played.
     */
    Connection lingeringSession(String node) throws Exception {
        Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_lock(?)")) {
            s.setLong(1, nodeKey(node));
            s.execute();
        }
        return c;
    }

    /** The node lock's key, as {@code NodeLock} makes it: the first 8 bytes of SHA-256 of lianxin-webhooks-node:name. */
    static long nodeKey(String node) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest(("lianxin-webhooks-node:" + node)
                .getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(h, 0, 8).getLong();
    }

    /** Sessions of this database waiting for an advisory lock (the server's lock queue). */
    int advisoryLockWaiters() {
        return JdbcClient.create(ds).sql("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                + " and database = (select oid from pg_database where datname = current_database())")
                .query(Integer.class).single();
    }

    /** Four events of case:9, the child killed while e1 (held 4 s by the receiver) is in flight; its lease outlives it. */
    void childKilledWithE1InFlight() throws Exception {
        for (int i = 0; i < 4; i++) {
            emit("case:9", "e" + i);
        }
        holdFirst("e1", 4000);
        child = startChild("node-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains("e1"));
        CrashIT.kill9(child);
    }

    void emit(String caseKey, String key) {
        new TransactionTemplate(new DataSourceTransactionManager(ds)).executeWithoutResult(s ->
                emitter.webhooks().emit(new WebhookEvent(EventType.SUPERVISION_REPLIED, caseKey, List.of(5L, 2L),
                        Instant.now(), key, Map.of("key", key))));
    }

    Process startChild(String node) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                "deliver", db.url(), db.user(), db.password(), "0", node, Long.toString(LEASE.toSeconds()))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        List<String> seen = new ArrayList<>();
        while ((line = out.readLine()) != null && !line.equals("STARTED")) {
            seen.add(line);
        }
        assertThat(line).as("the child's output: %s", seen).isEqualTo("STARTED");
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-output");
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    List<String> keysReceived() {
        return receiver.requests().stream().map(r -> r.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1")).toList();
    }

    /** Each key once, where it was last received. */
    List<String> lastReceipts() {
        List<String> last = new ArrayList<>();
        for (String k : keysReceived()) {
            last.remove(k);
            last.add(k);
        }
        return last;
    }

    int delivered() {
        return JdbcClient.create(ds).sql("select count(*) from webhook_delivery where state = 'DELIVERED'")
                .query(Integer.class).single();
    }

    /** The first attempt at {@code key} is answered after {@code millis}: the sender is busy with it until then. */
    void holdFirst(String key, long millis) {
        receiver.rule(r -> r.body().contains("\"" + key + "\"") && receiver.requests().stream()
                .filter(x -> x.body().contains("\"" + key + "\"")).count() == 1 ? Answer.status(200).slow(millis)
                : null);
    }
}
