package org.lianxin.web.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.lianxin.backoff.Backoff;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL's {@code LISTEN}/{@code NOTIFY} for the whole instance (issue 14): one connection taken from the pool and
 * kept, on one thread, listening on every channel something subscribed to — the accounts' changes, the webhooks'
 * committed events, the recording switches made through another instance — instead of one connection per feature.
 *
 * <p>A notice is only a hint: every subscriber has a poll of its own that finds what it was told of. When the
 * listening connection breaks (the database restarted or failed over, the backend was terminated, a check found it
 * dead), it is dropped and a new one is taken after a back-off ({@code reconnect}: 250 ms doubling up to 10 s by
 * default), every channel is listened to again, and each subscriber is told it {@linkplain Subscriber#missed may have
 * missed} notices meanwhile, so that it reads its state again at once; it is told so too when it is first listening
 * (what committed before its {@code LISTEN} took effect). A connection silent for {@code check} is asked whether it
 * still answers ({@code isValid}), so that a connection cut without a word (no reset) is noticed too.
 *
 * <p>{@link #send} sends a notice in the caller's transaction (delivered at its commit, dropped on rollback) or at once
 * without one. On other databases (H2: one instance) nothing is sent and nothing listens; {@link #listens} says which.
 * Subscribers' callbacks run on the listening thread: they must return quickly (raise a flag, queue work).
 */
public class DatabaseNotices implements SmartLifecycle {
    /** Starts before every feature that subscribes, stops after them ({@code config.LifecyclePhases}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2500;
    private static final Logger log = LoggerFactory.getLogger(DatabaseNotices.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** How long one wait for notices lasts; new subscriptions are listened to within it. */
    private static final int WAIT_MILLIS = 250;

    /** Told of the notices on one channel. */
    public interface Subscriber {
        /** A notice on the channel, with its payload ("" when none). */
        void notice(String payload);

        /** Notices may have been missed (listening began, or began again after the connection broke): read again. */
        void missed();

        /** One action for both: a notice and a possible miss both mean "look again". */
        static Subscriber of(Runnable lookAgain) {
            Objects.requireNonNull(lookAgain, "lookAgain");
            return new Subscriber() {
                @Override
                public void notice(String payload) {
                    lookAgain.run();
                }

                @Override
                public void missed() {
                    lookAgain.run();
                }
            };
        }
    }

    /** A subscription; closing it stops its callbacks. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean postgres;
    private final Backoff reconnect;
    private final Duration check;
    private final List<Sub> subscriptions = new CopyOnWriteArrayList<>();
    private final Object lifecycle = new Object();
    private volatile boolean running;
    private Thread thread;
    /** Listening connections taken so far (the first is 1): a subscriber told of connection n has missed nothing. */
    private volatile long connections;

    /** With the default back-off (250 ms to 10 s) and check of a silent connection (every 30 s). */
    public DatabaseNotices(DataSource dataSource) {
        this(dataSource, Backoff.ofMillis(250, 10_000), Duration.ofSeconds(30));
    }

    public DatabaseNotices(DataSource dataSource, Backoff reconnect, Duration check) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
        this.check = Objects.requireNonNull(check, "check");
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cluster: the database could not be asked what it is", e);
        }
    }

    /** Whether notices travel between instances (PostgreSQL); else the subscribers' polls are all there is. */
    public boolean listens() {
        return postgres;
    }

    /**
     * Sends {@code payload} on {@code channel}: in the caller's transaction if there is one (PostgreSQL delivers it at
     * commit, to every instance listening, this one included), else at once. Nothing on other databases.
     */
    public void send(String channel, String payload) {
        if (postgres) {
            jdbc.sql("select pg_notify(?, ?)").params(checked(channel), payload == null ? "" : payload)
                    .query((rs, n) -> 1).list();
        }
    }

    /**
     * Tells {@code subscriber} of every notice on {@code channel} until the subscription is closed, and that it may
     * have missed some once listening (again) took effect. Nothing is ever told on other databases.
     */
    public Subscription subscribe(String channel, Subscriber subscriber) {
        Sub s = new Sub(checked(channel), Objects.requireNonNull(subscriber, "subscriber"));
        if (postgres) {
            subscriptions.add(s);
        }
        return () -> subscriptions.remove(s);
    }

    /**
     * The usual subscriber: a poll of its own ({@code poll}, the safety net, all there is on other databases) run every
     * {@code every} on a daemon thread named {@code thread}, and there at once when notices may have been missed; each
     * notice's payload handed to {@code notice} on that thread too, never run on the listening thread. Closing the
     * subscription ends the thread.
     */
    public Subscription subscribe(String channel, String thread, Duration every, Runnable poll,
                                  Consumer<String> notice) {
        checked(channel);
        return new PolledSubscription(thread, every, Objects.requireNonNull(poll, "poll"),
                Objects.requireNonNull(notice, "notice")).on(this, channel);
    }

    private static String checked(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("a channel is a lower-case SQL name, was " + channel);
        }
        return channel;
    }

    /** A subscriber and the last listening connection it was told it may have missed notices before. */
    private static final class Sub {
        final String channel;
        final Subscriber subscriber;
        long told;

        Sub(String channel, Subscriber subscriber) {
            this.channel = channel;
            this.subscriber = subscriber;
        }
    }

    // ------------------------------------------------------------------ the listening thread

    private void listenLoop() {
        int failures = 0;
        while (running) {
            Connection c = null;
            try {
                c = dataSource.getConnection();
                c.setAutoCommit(true);
                long connection = ++connections;
                if (connection > 1) {
                    log.info("cluster: listening for database notices again (connection {})", connection);
                }
                listenOn(c, connection);
                failures = 0;
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                long pause = reconnect.millis(Math.min(failures++, 30));
                log.warn("cluster: listening for database notices failed ({}); again in {} ms, the polls cover the gap",
                        e.getMessage(), pause);
                pauseFor(pause);
            } finally {
                drop(c);
            }
        }
    }

    /** Listens on {@code c} until stopped or it fails (an exception). */
    private void listenOn(Connection c, long connection) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        Set<String> listening = new HashSet<>();
        long quietSince = System.nanoTime();
        try (Statement st = c.createStatement()) {
            while (running) {
                for (Sub s : subscriptions) { // one pass: a subscription added meanwhile is told after its LISTEN
                    if (listening.add(s.channel)) {
                        st.execute("LISTEN \"" + s.channel + "\"");
                    }
                    if (s.told < connection) { // its LISTEN took effect: whatever came before is to be read
                        s.told = connection;
                        tell(s, null);
                    }
                }
                PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
                if (notices != null && notices.length > 0) {
                    quietSince = System.nanoTime();
                    for (PGNotification n : notices) {
                        for (Sub s : subscriptions) {
                            if (s.channel.equals(n.getName())) {
                                tell(s, n.getParameter() == null ? "" : n.getParameter());
                            }
                        }
                    }
                } else if (System.nanoTime() - quietSince > check.toNanos()) {
                    if (!c.isValid((int) Math.max(1, Math.min(check.toSeconds(), 10)))) {
                        throw new SQLException("the listening connection does not answer");
                    }
                    quietSince = System.nanoTime();
                }
            }
        }
    }

    /** A notice ({@code payload}), or a possible miss (null), told to one subscriber; its failure is only logged. */
    private static void tell(Sub s, String payload) {
        try {
            if (payload == null) {
                s.subscriber.missed();
            } else {
                s.subscriber.notice(payload);
            }
        } catch (RuntimeException e) {
            log.warn("cluster: a subscriber to {} failed on a notice: {}", s.channel, e.toString());
        }
    }

    /** Out of the pool for good: a connection that listened is never handed to anyone else. */
    private void drop(Connection c) {
        if (c == null) {
            return;
        }
        if (dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(c);
        } else {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("cluster: closing the listening connection failed: {}", e.getMessage());
            }
        }
    }

    private void pauseFor(long millis) {
        synchronized (lifecycle) {
            long end = System.nanoTime() + millis * 1_000_000L;
            long left = millis;
            while (running && left > 0) {
                try {
                    lifecycle.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                left = (end - System.nanoTime()) / 1_000_000L;
            }
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Starts listening (PostgreSQL only); subscriptions made before or after are all listened to. */
    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running || !postgres) {
                running = running || !postgres;
                return;
            }
            running = true;
            thread = new Thread(this::listenLoop, "database-notices");
            thread.setDaemon(true);
            thread.start();
        }
        log.info("cluster: one connection listens for database notices (LISTEN/NOTIFY) for this instance");
    }

    /** Stops listening: the thread ends within one wait (250 ms) and its connection is closed. */
    @Override
    public void stop() {
        Thread t;
        synchronized (lifecycle) {
            running = false;
            lifecycle.notifyAll();
            t = thread;
            thread = null;
        }
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** How many listening connections were taken (1 after the start; one more after each break). */
    public long connections() {
        return connections;
    }
}
