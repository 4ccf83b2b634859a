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
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * Issue 13: a node killed with {@code kill -9} while a delivery was in flight, restarted under the same name, sends
 * that delivery again at once — its lease (two minutes here) is not waited for: the node holds its name's advisory lock,
 * so the run that leased it is dead — and its case's later events after it, before events committed after the
 * restart. And a node started under the name of one that is alive (its lock held) takes nothing back: the live one's
 * delivery is not sent twice. Order of receipts is asserted, not times.
 */
class RestartTakesBackItsLeasesIT {
    static final Duration LEASE = Duration.ofMinutes(2);

    TestDatabases.Jdbc db;
    HikariDataSource ds;
    Receiver receiver;
    Process child;
    WebhooksModule restarted;
    WebhooksModule emitter;
    Connection lingering;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabases.postgresUrl("webhooks_takeback");
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
        if (restarted != null) {
            restarted.dispatcher().close();
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

    @Test
    void aNodeRestartedUnderItsNameSendsWhatItsDeadRunHadInFlightBeforeLaterEvents() throws Exception {
        for (int i = 0; i < 4; i++) {
            emit("case:9", "e" + i);
        }
        holdFirst("e1", 4000);
        child = startChild("node-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains("e1"));
        CrashIT.kill9(child);
        assertThat(JdbcClient.create(ds).sql("select count(*) from webhook_delivery where lease_token is not null"
                + " and leased_by = 'node-a' and lease_until > current_timestamp").query(Integer.class).single())
                .as("e1's lease, two minutes long, outlives the child").isEqualTo(1);

        restarted = module("node-a");
        restarted.dispatcher().start();
        for (int i = 0; i < 10; i++) { // events of another case, committed after the restart, one at a time
            String key = "f" + i;
            emit("case:7", key);
            await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains(key));
        }

        assertThat(lastReceipts()).as("e1 sent again at once, its case after it, before the later events")
                .containsExactly("e0", "e1", "e2", "e3", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
        assertThat(keysReceived().stream().filter("e1"::equals).count()).as("only the one in flight twice")
                .isEqualTo(2);
        assertThat(delivered()).isEqualTo(14);
    }

    @Test
    void aNodeRestartedWhileItsDeadRunsSessionLingersWaitsForItsLockBeforeItClaims() throws Exception {
        childKilledWithE1InFlight();
        try (Connection lingering = lingeringSession("node-a")) {
            // a long wait: this test, not the machine's speed, decides when the session goes
            restarted = module(CrashChild.settings("node-a", LEASE).withNodeLockWait(Duration.ofMinutes(1)));
            restarted.dispatcher().start();
            await().atMost(Duration.ofSeconds(30)).until(() -> advisoryLockWaiters() == 1);
            emit("case:7", "f0"); // committed while the restarted node waits for its lock
        } // the lingering session ends: its lock is freed
        for (int i = 1; i < 10; i++) {
            String key = "f" + i;
            emit("case:7", key);
            await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains(key));
        }

        assertThat(lastReceipts()).as("the take-back waited for the lock, then came before anything else")
                .containsExactly("e0", "e1", "e2", "e3", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
        assertThat(keysReceived().stream().filter("e1"::equals).count()).isEqualTo(2);
        assertThat(delivered()).isEqualTo(14);
    }

    @Test
    void aNodeWhoseLockIsStillRefusedAfterItsWaitGoesOnAndTakesBackAsSoonAsTheLockIsFree() throws Exception {
        childKilledWithE1InFlight();
        lingering = lingeringSession("node-a");
        // a short wait, and a poll of a minute: only the lock's own retry can take back within the 2 min lease
        WebhookSettings s = CrashChild.settings("node-a", LEASE).withNodeLockWait(Duration.ofMillis(300));
        restarted = module(new WebhookSettings(s.node(), s.workers(), s.timeout(), s.lease(), s.retry(),
                s.giveUpAfter(), s.maxRetryAfter(), s.rotationGrace(), Duration.ofMinutes(1), s.nodeLockWait(),
                s.backlogWorkers()));
        restarted.dispatcher().start();
        emit("case:7", "f0");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains("f0"));
        assertThat(keysReceived()).as("e1's case waits behind its lease meanwhile").containsExactly("e0", "e1", "f0");

        lingering.close();
        // well within e1's two-minute lease: taken back, not lapsed
        await().atMost(Duration.ofSeconds(45)).until(() -> delivered() == 5);
        assertThat(lastReceipts()).containsExactly("e0", "f0", "e1", "e2", "e3");
    }

    @Test
    void aNodeStartedUnderTheNameOfALiveOneTakesNothingBack() throws Exception {
        for (int i = 0; i < 3; i++) {
            emit("case:9", "e" + i);
        }
        holdFirst("e0", 3000);
        child = startChild("node-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysReceived().contains("e0"));

        restarted = module("node-a"); // a twin: the child still runs and holds the name's lock
        restarted.dispatcher().start();
        emit("case:7", "f0");
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered() == 4);

        assertThat(keysReceived().stream().filter("e0"::equals).count())
                .as("the live child's delivery is not taken from it").isEqualTo(1);
        assertThat(lastReceipts()).containsSubsequence("e0", "e1", "e2");
    }
}
