package org.lianxin.webhooks;

import java.time.Clock;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.lianxin.notification.Notifications;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
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
    private final IntSupplier sealStoredSecrets;

    private WebhooksModule(Webhooks webhooks, WebhookDispatcher dispatcher, IntSupplier sealStoredSecrets) {
        this.webhooks = webhooks;
        this.dispatcher = dispatcher;
        this.sealStoredSecrets = sealStoredSecrets;
    }

    /**
     * The module whose dispatcher hears of no other instance's commits at once ({@link CommitNotices#NONE}): it finds
     * them by its poll.
     *
     * @param secretsKey the key ring that encrypts the endpoints' signing secrets at rest (the application's
     *                   personal-data ring; the module derives its own key from it)
     */
    public static WebhooksModule create(DataSource dataSource, PlatformTransactionManager transactions,
                                        WebhookTransport transport, Notifications notifications, Clock clock,
                                        WebhookSettings settings, PersonalDataCipher secretsKey) {
        return create(dataSource, transactions, transport, notifications, clock, settings, secretsKey,
                CommitNotices.NONE);
    }

    /**
     * @param secretsKey the key ring that encrypts the endpoints' signing secrets at rest (the application's
     *                   personal-data ring; the module derives its own key from it)
     * @param notices    how the dispatcher is woken at once by events other instances commit (PostgreSQL)
     */
    public static WebhooksModule create(DataSource dataSource, PlatformTransactionManager transactions,
                                        WebhookTransport transport, Notifications notifications, Clock clock,
                                        WebhookSettings settings, PersonalDataCipher secretsKey,
                                        CommitNotices notices) {
        WebhooksAssembly.Parts parts = WebhooksAssembly.assemble(dataSource, transactions, transport, notifications,
                clock, settings, secretsKey, notices);
        return new WebhooksModule(parts.webhooks(), parts.dispatcher(), parts.sealStoredSecrets());
    }

    /**
     * Encrypts every signing secret still stored in plain text (written before secrets were sealed), and seals again
     * those of an older key of the ring; run once at start-up. Idempotent and safe on several nodes at once.
     *
     * @return how many stored secrets it changed
     */
    public int sealStoredSecrets() {
        return sealStoredSecrets.getAsInt();
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public WebhookDispatcher dispatcher() {
        return dispatcher;
    }
}
