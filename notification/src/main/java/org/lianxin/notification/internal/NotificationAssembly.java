package org.lianxin.notification.internal;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.notification.Directory;
import org.lianxin.notification.Dispatcher;
import org.lianxin.notification.NotificationChannel;
import org.lianxin.notification.NotificationSettings;
import org.lianxin.notification.Notifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Builds the outbox and its dispatcher; used by {@code NotificationModule}. */
public final class NotificationAssembly {
    private NotificationAssembly() {
    }

    public record Parts(Notifications notifications, Dispatcher dispatcher) {
    }

    public static Parts assemble(DataSource dataSource, PlatformTransactionManager transactions, Directory directory,
                                 NotificationChannel channel, Clock clock, NotificationSettings settings) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        OutboxRows rows = new OutboxRows(jdbc);
        WakeSignal wake = new WakeSignal();
        JdbcOutbox outbox = new JdbcOutbox(rows, transactions, directory, clock, wake);
        OutboxDispatcher dispatcher = new OutboxDispatcher(rows, transactions, directory, channel, clock,
                new RetrySchedule(settings.maxAttempts(), settings.retry()), settings, wake);
        return new Parts(outbox, dispatcher);
    }
}
