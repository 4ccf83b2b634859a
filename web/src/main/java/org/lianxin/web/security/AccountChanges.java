package org.lianxin.web.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every app instance that an account's security stamp changed (its role, office, password or active flag), so
 * that each closes the account's open signaling connections at once (issue 13; the HTTP sessions end at their next
 * request, {@link SessionStamps}). Called in the transaction that bumps the stamp: on PostgreSQL it sends
 * {@code NOTIFY lianxin_account_changed, '<account id>'}, which PostgreSQL delivers at commit (and drops on rollback)
 * to every instance listening ({@link #listen}); in this instance it also publishes {@link AccountChanged} (handled
 * after the commit). On H2 (one instance) only the event. Same pattern as the webhooks' {@code OutboxSignal}.
 */
@Component
public class AccountChanges {
    static final String CHANNEL = "lianxin_account_changed";
    private static final Logger log = LoggerFactory.getLogger(AccountChanges.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final boolean postgres;

    public AccountChanges(DataSource dataSource, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.events = events;
        this.postgres = isPostgres(dataSource);
    }

    /** An account whose security stamp changed (published in this instance, in the changing transaction). */
    public record AccountChanged(long accountId) {
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("accounts: the database could not be asked what it is", e);
        }
    }

    /** Whether other instances hear of changes at once ({@link #listen}); else only by their periodic check. */
    public boolean listens() {
        return postgres;
    }

    /** In the transaction that bumped the account's stamp. */
    public void changed(long accountId) {
        if (postgres) {
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, Long.toString(accountId)).query((rs, n) -> 1).list();
        }
        events.publishEvent(new AccountChanged(accountId));
    }

    /**
     * A daemon thread listening until {@code running} is false: calls {@code changed} with each account id told; if its
     * connection breaks it connects again after {@code retry} (the periodic check covers the gap).
     */
    public Thread listen(LongConsumer changed, BooleanSupplier running, Duration retry) {
        Thread t = new Thread(() -> {
            while (running.getAsBoolean()) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute("LISTEN " + CHANNEL);
                    PGConnection pg = c.unwrap(PGConnection.class);
                    while (running.getAsBoolean()) {
                        PGNotification[] notices = pg.getNotifications(500);
                        for (PGNotification n : notices == null ? new PGNotification[0] : notices) {
                            try {
                                changed.accept(Long.parseLong(n.getParameter()));
                            } catch (NumberFormatException e) {
                                log.warn("accounts: a notice on {} without an account id ignored", CHANNEL);
                            }
                        }
                    }
                    s.execute("UNLISTEN " + CHANNEL);
                } catch (SQLException | RuntimeException e) {
                    if (!running.getAsBoolean()) {
                        return;
                    }
                    log.warn("accounts: listening for changed accounts failed; checking every few seconds until it "
                            + "works again: {}", e.toString());
                    try {
                        Thread.sleep(retry.toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, "account-changes-listener");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
