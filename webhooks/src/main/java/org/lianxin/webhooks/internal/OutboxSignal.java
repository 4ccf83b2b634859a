package org.lianxin.webhooks.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wakes the dispatchers of every app instance when an event commits, not only this instance's: on PostgreSQL the emit
 * sends {@code NOTIFY} in its own transaction (PostgreSQL delivers it at commit and drops it on rollback), and each
 * dispatcher listens on one connection of its own and raises its {@link WakeUp} when told. Without this, an event
 * committed by one instance waits for another's next poll ({@code pollInterval}, 5 s). On other databases (H2) it does
 * nothing: this instance's wake-up after commit and the poll remain.
 */
final class OutboxSignal {
    static final String CHANNEL = "lianxin_webhook_outbox";
    private static final Logger log = LoggerFactory.getLogger(OutboxSignal.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean postgres;

    OutboxSignal(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("webhooks: the database could not be asked what it is", e);
        }
    }

    boolean listens() {
        return postgres;
    }

    /** In the emit's transaction: told to the listeners when (and only if) it commits. */
    void emitted() {
        if (postgres) {
            jdbc.sql("select pg_notify(?, '')").param(CHANNEL).query((rs, n) -> 1).list();
        }
    }

    /**
     * A daemon thread listening until {@code running} is false: raises {@code wake} on every notice; if its connection
     * breaks it raises it too (something may have committed meanwhile) and connects again after {@code retry}.
     */
    Thread listen(WakeUp wake, java.util.function.BooleanSupplier running, Duration retry) {
        Thread t = new Thread(() -> {
            while (running.getAsBoolean()) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute("LISTEN " + CHANNEL);
                    PGConnection pg = c.unwrap(PGConnection.class);
                    wake.raise(); // whatever committed before LISTEN took effect
                    while (running.getAsBoolean()) {
                        PGNotification[] notices = pg.getNotifications(500);
                        if (notices != null && notices.length > 0) {
                            wake.raise();
                        }
                    }
                    s.execute("UNLISTEN " + CHANNEL);
                } catch (SQLException | RuntimeException e) {
                    if (!running.getAsBoolean()) {
                        return;
                    }
                    log.warn("webhooks: listening for committed events failed; polling every {} until it works again",
                            retry, e);
                    wake.raise();
                    try {
                        Thread.sleep(retry.toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, "webhook-listener");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
