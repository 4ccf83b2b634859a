package org.lianxin.webhooks;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.lianxin.notification.NotificationModule;
import org.lianxin.webhooks.http.JdkHttpTransport;
import org.lianxin.webhooks.testing.QuietNotifications;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The app as a child JVM for {@link CrashIT}, killed with {@code kill -9}: {@code emit} commits events (the dispatcher
 * not running) and prints COMMITTED; {@code deliver} runs the dispatcher (one worker) and prints STARTED. Either then
 * waits to be killed. Arguments: mode, JDBC url, user, password, count, and optionally the node's name (child) and
 * its lease in seconds (10).
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(args[1]);
        ds.setUsername(args[2]);
        ds.setPassword(args[3]);
        int count = Integer.parseInt(args[4]);
        String node = args.length > 5 ? args[5] : "child";
        Duration lease = Duration.ofSeconds(args.length > 6 ? Long.parseLong(args[6]) : 10);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        Clock clock = Clock.systemUTC();
        NotificationModule notifications = QuietNotifications.module(ds, transactions, clock, "child");
        WebhooksModule module = WebhooksModule.create(ds, transactions, new JdkHttpTransport(Duration.ofSeconds(2),
                clock), notifications.notifications(), clock, settings(node, lease), WebhookWorld.SECRETS_KEY);
        if (mode.equals("emit")) {
            TransactionTemplate tx = new TransactionTemplate(transactions);
            for (int i = 0; i < count; i++) {
                String key = "e" + i;
                tx.executeWithoutResult(s -> module.webhooks().emit(new WebhookEvent(EventType.BOOKING_CREATED,
                        "case:1", List.of(5L, 2L, 1L), Instant.now(), key, Map.of("key", key))));
            }
            System.out.println("COMMITTED");
        } else {
            module.dispatcher().start();
            System.out.println("STARTED");
        }
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }

    /** Both sides: a 5 s answer timeout, a 10 s lease, quick retries. */
    static WebhookSettings settings(String node) {
        return settings(node, Duration.ofSeconds(10));
    }

    /**
     * The same with another lease. One delivery at a time, also while a backlog is worked off (no burst): the order in
     * which the receiver gets events of different cases is the order of the claims, which these tests assert.
     */
    static WebhookSettings settings(String node, Duration lease) {
        return new WebhookSettings(node, 1, Duration.ofSeconds(5), lease, RetrySchedule.doubling(Duration.ofMillis(200), Duration.ofMillis(1000)),
                Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofMillis(100))
                .withBacklogWorkers(1);
    }
}
