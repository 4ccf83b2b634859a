package org.lianxin.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.lianxin.web.cluster.DatabaseNotices;
import org.lianxin.webhooks.WebhookSettings;
import org.lianxin.webhooks.WebhooksModule;
import org.lianxin.webhooks.http.JdkHttpTransport;
import org.lianxin.webhooks.testing.QuietNotifications;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The app node that owns the webhook dispatcher in {@code bench webhooks}, a JVM of its own that the bench kills with
 * {@code kill -9}: the webhooks module as the application assembles it (the same {@code WebhooksModule}, JDK HTTP
 * transport and the product's {@link WebhookSettings#defaults} — 16 workers, the Standard Webhooks schedule, a 5 s
 * poll besides the PostgreSQL wake-up) with the answer timeout and lease of the first line's arguments. Reads one line
 * from stdin (JDBC url, user, password, timeout ms, lease ms; tab-separated, so the password is not on the command
 * line), starts the dispatcher, prints STARTED, and runs until killed.
 */
public final class WebhookNode {
    private WebhookNode() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
                .orElse(System.currentTimeMillis());
        long mainAt = System.currentTimeMillis();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String[] f = in.readLine().split("\t");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(f[0]);
        config.setUsername(f[1]);
        config.setPassword(f[2]);
        config.setMaximumPoolSize(20); // 16 workers (each holds one only to claim and to record) and the listener
        HikariDataSource ds = new HikariDataSource(config); // connects once (fails fast)
        long poolAt = System.currentTimeMillis();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        Clock clock = Clock.systemUTC();
        Duration timeout = Duration.ofMillis(Long.parseLong(f[3]));
        WebhookSettings d = WebhookSettings.defaults(args.length > 0 ? args[0] : "bench-node");
        WebhookSettings settings = new WebhookSettings(d.node(), d.workers(), timeout,
                Duration.ofMillis(Long.parseLong(f[4])), d.retry(), d.giveUpAfter(), d.maxRetryAfter(),
                d.rotationGrace(), d.pollInterval());
        DatabaseNotices notices = new DatabaseNotices(ds); // the app's one listening connection, as web wires it
        notices.start();
        WebhooksModule module = WebhooksModule.create(ds, transactions, new JdkHttpTransport(timeout, clock),
                QuietNotifications.module(ds, transactions, clock, settings.node()).notifications(), clock, settings,
                PersonalDataCipher.ofKeys(List.of(Base64.getDecoder().decode(f[5]))),
                (channel, wake) -> notices.subscribe(channel, DatabaseNotices.Subscriber.of(wake)));
        long moduleAt = System.currentTimeMillis();
        module.dispatcher().start();
        long startedAt = System.currentTimeMillis();
        // where a restart's time goes (the bench echoes this line): the JVM until main, the pool's first connection,
        // the module assembled, the dispatcher started (its threads; the claimer then waits for the node's lock)
        System.out.printf("start: main after %d ms, pool %d ms, module %d ms, dispatcher %d ms (%d ms in all)%n",
                mainAt - jvmStart, poolAt - mainAt, moduleAt - poolAt, startedAt - moduleAt, startedAt - jvmStart);
        System.out.println("STARTED " + ProcessHandle.current().pid());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
