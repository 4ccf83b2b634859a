package org.lianxin.notification;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.notification.internal.NotificationAssembly;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The module put together over one database: the outbox ({@link #notifications()}) and its dispatcher
 * ({@link #dispatcher()}, not started), sending through one channel. The outbox table comes with the module's Flyway
 * migration ({@code db/migration/V7__notification.sql}). {@code transactions} must manage {@code dataSource}, so that
 * an enqueue joins the caller's transaction.
 */
public final class NotificationModule {
    private final Notifications notifications;
    private final Dispatcher dispatcher;

    private NotificationModule(Notifications notifications, Dispatcher dispatcher) {
        this.notifications = notifications;
        this.dispatcher = dispatcher;
    }

    public static NotificationModule create(DataSource dataSource, PlatformTransactionManager transactions,
                                            Directory directory, NotificationChannel channel, Clock clock,
                                            NotificationSettings settings) {
        NotificationAssembly.Parts parts = NotificationAssembly.assemble(dataSource, transactions, directory, channel,
                clock, settings);
        return new NotificationModule(parts.notifications(), parts.dispatcher());
    }

    public Notifications notifications() {
        return notifications;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }
}
