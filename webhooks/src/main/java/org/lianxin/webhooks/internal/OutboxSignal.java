package org.lianxin.webhooks.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.lianxin.webhooks.CommitNotices;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wakes the dispatchers of every app instance when an event commits, not only this instance's: on PostgreSQL the emit
 * sends {@code NOTIFY} in its own transaction (PostgreSQL delivers it at commit and drops it on rollback), and each
 * dispatcher is told through the {@link CommitNotices} port it was given (the application's one listening connection)
 * and raises its {@link WakeUp}. Without a listener, an event committed by one instance waits for another's next poll
 * ({@code pollInterval}, 5 s). On other databases (H2) it does nothing: this instance's wake-up after commit and the
 * poll remain.
 */
final class OutboxSignal {
    static final String CHANNEL = "lianxin_webhook_outbox";

    private final JdbcClient jdbc;
    private final boolean postgres;
    private final CommitNotices notices;

    OutboxSignal(DataSource dataSource, CommitNotices notices) {
        this.jdbc = JdbcClient.create(dataSource);
        this.postgres = isPostgres(dataSource);
        this.notices = notices;
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("webhooks: the database could not be asked what it is", e);
        }
    }

    /** Whether the database is PostgreSQL (notices sent, advisory locks, one-statement records). */
    boolean listens() {
        return postgres;
    }

    /** Raises {@code wake} on every committed event's notice (and after a possible miss) until closed; PostgreSQL. */
    AutoCloseable listen(WakeUp wake) {
        return postgres ? notices.subscribe(CHANNEL, wake::raise) : () -> {
        };
    }

    /** In the emit's transaction: told to the listeners when (and only if) it commits. */
    void emitted() {
        if (postgres) {
            jdbc.sql("select pg_notify(?, '')").param(CHANNEL).query((rs, n) -> 1).list();
        }
    }
}
