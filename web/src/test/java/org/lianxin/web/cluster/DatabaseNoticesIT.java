package org.lianxin.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lianxin.backoff.Backoff;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link DatabaseNotices} against the PostgreSQL of {@code ./lianxin test}: one listening connection serves two
 * subscribers on two channels; a notice reaches only its channel's subscriber, and only once its transaction commits;
 * the listening connection killed with {@code pg_terminate_backend} is taken again, both subscribers are told they may
 * have missed notices, and notices flow again; a closed subscription hears nothing more; the stop ends the thread.
 */
class DatabaseNoticesIT {
    static final String LISTENER_APP = "lianxin-notices-under-test";
    static final Duration WITHIN = Duration.ofSeconds(20);

    HikariDataSource listenerPool;
    HikariDataSource senderPool;
    DatabaseNotices notices;

    /** What one subscriber was told. */
    static final class Told implements DatabaseNotices.Subscriber {
        final List<String> notices = new CopyOnWriteArrayList<>();
        final AtomicInteger missed = new AtomicInteger();

        @Override
        public void notice(String payload) {
            notices.add(payload);
        }

        @Override
        public void missed() {
            missed.incrementAndGet();
        }
    }

    static HikariDataSource pool(TestDatabases.Jdbc db, String app) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(db.url());
        c.setUsername(db.user());
        c.setPassword(db.password());
        c.setMaximumPoolSize(4);
        c.addDataSourceProperty("ApplicationName", app);
        return new HikariDataSource(c);
    }

    /** Pools on a fresh database {@code name}, and the notices under test on the listener's pool (not started). */
    void notices(String name) {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl(name);
        listenerPool = pool(db, LISTENER_APP);
        senderPool = pool(db, "lianxin-notices-sender");
        notices = new DatabaseNotices(listenerPool, Backoff.ofMillis(100, 1000), Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        if (notices != null) {
            notices.stop();
        }
        if (listenerPool != null) {
            listenerPool.close();
        }
        if (senderPool != null) {
            senderPool.close();
        }
    }

    @Test
    void oneConnectionServesTwoChannelsAndComesBackAfterItsBackendIsKilled() {
        notices("web_database_notices");
        DatabaseNotices sender = new DatabaseNotices(senderPool); // sends only: never started
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(senderPool));
        assertThat(notices.listens()).isTrue();

        Told accounts = new Told();
        Told switches = new Told();
        DatabaseNotices.Subscription a = notices.subscribe("lx_test_accounts", accounts); // before the start
        notices.start();
        notices.subscribe("lx_test_switches", switches); // after it
        await("both listening").atMost(WITHIN)
                .until(() -> accounts.missed.get() == 1 && switches.missed.get() == 1);
        assertThat(notices.connections()).isEqualTo(1);

        // each notice to its own channel's subscriber; one rolled back is never told
        tx.executeWithoutResult(s -> {
            sender.send("lx_test_accounts", "rolled-back");
            s.setRollbackOnly();
        });
        tx.executeWithoutResult(s -> sender.send("lx_test_accounts", "7"));
        sender.send("lx_test_switches", "consultation-3");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(accounts.notices + " " + switches.notices)
                .isEqualTo("[7] [consultation-3]"));
        assertThat(accounts.notices).containsExactly("7");
        assertThat(switches.notices).containsExactly("consultation-3");

        // the listening connection killed: taken again, both told they may have missed something, notices flow again
        int killed = JdbcClient.create(senderPool).sql("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where application_name = ? and query ilike 'listen%'").param(LISTENER_APP)
                .query(Integer.class).single();
        assertThat(killed).as("the listening backend found and terminated").isEqualTo(1);
        await("listening again, both subscribers told of a possible miss").atMost(WITHIN)
                .until(() -> notices.connections() == 2 && accounts.missed.get() == 2 && switches.missed.get() == 2);
        sender.send("lx_test_accounts", "8");
        sender.send("lx_test_switches", "consultation-4");
        await("notices flow again").atMost(WITHIN).until(() -> accounts.notices.contains("8")
                && switches.notices.contains("consultation-4"));

        // a closed subscription hears nothing more (the other channel's notice, sent after, arrives as the barrier)
        a.close();
        sender.send("lx_test_accounts", "9");
        sender.send("lx_test_switches", "consultation-5");
        await().atMost(WITHIN).until(() -> switches.notices.contains("consultation-5"));
        assertThat(accounts.notices).containsExactly("7", "8");

        notices.stop();
        await("the listening connection is closed").atMost(WITHIN).until(() -> JdbcClient.create(senderPool)
                .sql("select count(*) from pg_stat_activity where application_name = ? and query ilike 'listen%'")
                .param(LISTENER_APP).query(Integer.class).single() == 0);
        assertThat(notices.isRunning()).isFalse();
    }

    /**
     * The usual subscriber ({@link DatabaseNotices#subscribe(String, String, java.time.Duration, Runnable,
     * java.util.function.Consumer)}): its poll runs when listening begins and every period, a failing poll does not
     * stop the next, each notice's payload is handed over on the subscriber's own thread (not the listening one), and
     * closing it ends that thread.
     */
    @Test
    void aPolledSubscriptionPollsAndIsToldOnItsOwnThread() {
        notices("web_database_notices_polled");
        DatabaseNotices sender = new DatabaseNotices(senderPool);
        List<String> told = new CopyOnWriteArrayList<>();
        AtomicInteger polls = new AtomicInteger();
        notices.start();
        DatabaseNotices.Subscription s = notices.subscribe("lx_test_polled", "polled-under-test",
                Duration.ofMillis(100), () -> {
                    told.add("poll@" + Thread.currentThread().getName());
                    if (polls.incrementAndGet() == 1) {
                        throw new IllegalStateException("the first poll fails");
                    }
                }, payload -> told.add(payload + "@" + Thread.currentThread().getName()));
        await("polled again after a failed poll").atMost(WITHIN).until(() -> polls.get() >= 3);

        sender.send("lx_test_polled", "room-1");
        await("the notice, on the subscriber's thread").atMost(WITHIN)
                .until(() -> told.contains("room-1@polled-under-test"));
        assertThat(told).allMatch(t -> t.endsWith("@polled-under-test"));

        s.close();
        await("the subscriber's thread ends").atMost(WITHIN).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("polled-under-test")));
    }
}
