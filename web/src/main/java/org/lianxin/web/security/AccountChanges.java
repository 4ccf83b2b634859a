package org.lianxin.web.security;

import java.time.Duration;
import java.util.function.LongConsumer;
import org.lianxin.web.cluster.DatabaseNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells every app instance that an account's security stamp changed (its role, office, password or active flag), so
 * that each closes the account's open signaling connections at once (issue 13; the HTTP sessions end at their next
 * request, {@link SessionStamps}). Called in the transaction that bumps the stamp: on PostgreSQL it sends
 * {@code NOTIFY lianxin_account_changed, '<account id>'} through the instance's {@link DatabaseNotices}, which
 * PostgreSQL delivers at commit (and drops on rollback) to every instance listening ({@link #listen}); in this
 * instance it also publishes {@link AccountChanged} (handled after the commit). On H2 (one instance) only the event.
 */
@Component
public class AccountChanges {
    static final String CHANNEL = "lianxin_account_changed";
    private static final Logger log = LoggerFactory.getLogger(AccountChanges.class);

    private final DatabaseNotices notices;
    private final ApplicationEventPublisher events;

    public AccountChanges(DatabaseNotices notices, ApplicationEventPublisher events) {
        this.notices = notices;
        this.events = events;
    }

    /** An account whose security stamp changed (published in this instance, in the changing transaction). */
    public record AccountChanged(long accountId) {
    }

    /** Whether other instances hear of changes at once ({@link #listen}); else only by their periodic check. */
    public boolean listens() {
        return notices.listens();
    }

    /** In the transaction that bumped the account's stamp. */
    public void changed(long accountId) {
        notices.send(CHANNEL, Long.toString(accountId));
        events.publishEvent(new AccountChanged(accountId));
    }

    /**
     * Until the subscription is closed, on a daemon thread named {@code thread}: {@code checkAll} every {@code every}
     * (the safety net) and at once when changes may have been missed (listening began, or began again after its
     * connection broke), {@code changed} with each account id told by any instance.
     */
    public DatabaseNotices.Subscription listen(String thread, Duration every, Runnable checkAll, LongConsumer changed) {
        return notices.subscribe(CHANNEL, thread, every, checkAll, payload -> {
            try {
                changed.accept(Long.parseLong(payload));
            } catch (NumberFormatException e) {
                log.warn("accounts: a notice on {} without an account id ignored", CHANNEL);
            }
        });
    }
}
