package org.lianxin.webhooks;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.notification.Notifications;
import org.lianxin.webhooks.internal.WebhooksAssembly;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The module put together over one database: the outbox and administration ({@link #webhooks()}) and the dispatcher
 * ({@link #dispatcher()}, not started). Its tables come with the Flyway migration {@code db/migration/V19__webhooks.sql}.
 * {@code transactions} must manage {@code dataSource} (and be the one {@code notifications} uses), so that an emit
 * joins the caller's transaction and a failure notice the dispatcher's.
 */
public final class WebhooksModule {
    private final Webhooks webhooks;
    private final WebhookDispatcher dispatcher;

    private WebhooksModule(Webhooks webhooks, WebhookDispatcher dispatcher) {
        this.webhooks = webhooks;
        this.dispatcher = dispatcher;
    }

    public static WebhooksModule create(DataSource dataSource, PlatformTransactionManager transactions,
                                        WebhookTransport transport, Notifications notifications, Clock clock,
                                        WebhookSettings settings) {
        WebhooksAssembly.Parts parts = WebhooksAssembly.assemble(dataSource, transactions, transport, notifications,
                clock, settings);
        return new WebhooksModule(parts.webhooks(), parts.dispatcher());
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public WebhookDispatcher dispatcher() {
        return dispatcher;
    }
}
