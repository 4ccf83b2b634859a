package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
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

/**
 * The app killed with {@code kill -9} (a child JVM, {@link CrashChild}) between the commit of its events and their
 * delivery, and in the middle of a delivery: a restarted dispatcher delivers every event, in order, and only the one
 * in flight at the kill may arrive twice.
 */
class CrashIT {
    TestDatabases.Jdbc db;
    HikariDataSource ds;
    Receiver receiver;
    Process child;
    WebhooksModule restarted;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabases.postgresUrl("webhooks_crash");
        ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.user());
        ds.setPassword(db.password());
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        receiver = new Receiver();
        WebhooksModule admin = module("admin");
        admin.webhooks().create(2, new EndpointDraft(receiver.url(), "省信访信息系统", Set.of(), true));
    }

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (restarted != null) {
            restarted.dispatcher().close();
        }
        receiver.close();
        ds.close();
    }

    WebhooksModule module(String node) {
        DataSourceTransactionManager tx = new DataSourceTransactionManager(ds);
        NotificationModule notifications = QuietNotifications.module(ds, tx, Clock.systemUTC(), node);
        return WebhooksModule.create(ds, tx, new JdkHttpTransport(Duration.ofSeconds(2), Clock.systemUTC()),
                notifications.notifications(), Clock.systemUTC(), CrashChild.settings(node), WebhookWorld.SECRETS_KEY);
    }

    Process startChild(String mode, int count, String ready) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                mode, db.url(), db.user(), db.password(), Integer.toString(count))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        List<String> seen = new ArrayList<>();
        while ((line = out.readLine()) != null && !line.equals(ready)) {
            seen.add(line);
        }
        assertThat(line).as("the child's output: %s", seen).isEqualTo(ready);
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-output");
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    /** kill -9: no shutdown hook, no finally, nothing flushed. */
    static void kill9(Process p) throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    List<String> keysReceived() {
        return receiver.requests().stream().map(r -> r.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1")).toList();
    }

    int delivered() {
        return JdbcClient.create(ds).sql("select count(*) from webhook_delivery where state = 'DELIVERED'")
                .query(Integer.class).single();
    }

    @Test
    void killedBetweenTheCommitAndTheDeliveryNothingIsLost() throws Exception {
        child = startChild("emit", 30, "COMMITTED");
        kill9(child);
        assertThat(receiver.requests()).isEmpty();

        restarted = module("restarted");
        restarted.dispatcher().start();
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered() == 30);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add("e" + i);
        }
        assertThat(keysReceived()).isEqualTo(expected);
    }

    @Test
    void killedDuringADeliveryOnlyTheInFlightOneIsSentTwice() throws Exception {
        WebhooksModule emitter = module("emitter"); // emits from the parent; its dispatcher is not started
        DataSourceTransactionManager tx = new DataSourceTransactionManager(ds);
        for (int i = 0; i < 10; i++) {
            String key = "e" + i;
            new org.springframework.transaction.support.TransactionTemplate(tx).executeWithoutResult(s ->
                    emitter.webhooks().emit(new WebhookEvent(EventType.SUPERVISION_REPLIED, "case:9", List.of(5L, 2L),
                            java.time.Instant.now(), key, Map.of("key", key))));
        }
        // the fourth event is answered slowly: the child is killed while it waits for that answer
        receiver.rule(r -> r.body().contains("\"e3\"") && receiver.requests().stream()
                .filter(x -> x.body().contains("\"e3\"")).count() == 1 ? Answer.status(200).slow(4000) : null);
        child = startChild("deliver", 0, "STARTED");
        await().atMost(Duration.ofSeconds(30)).until(() -> keysReceived().contains("e3"));
        kill9(child);

        restarted = module("restarted");
        restarted.dispatcher().start();
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered() == 10);
        Map<String, Long> times = keysReceived().stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
        assertThat(times).hasSize(10);
        assertThat(times).as("only the one in flight at the kill arrives twice")
                .allSatisfy((key, n) -> assertThat(n).isEqualTo(key.equals("e3") ? 2L : 1L));
        List<String> lastReceipts = new ArrayList<>();
        for (String k : keysReceived()) {
            lastReceipts.remove(k);
            lastReceipts.add(k);
        }
        assertThat(lastReceipts).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(JdbcClient.create(ds).sql("select node from webhook_attempt a join webhook_delivery d"
                + " on d.id = a.delivery_id join webhook_message m on m.id = d.message_id where m.dedupe_key = 'e3'")
                .query(String.class).list()).as("the child's attempt died with it; the restarted node's counts")
                .containsExactly("restarted");
    }
}
