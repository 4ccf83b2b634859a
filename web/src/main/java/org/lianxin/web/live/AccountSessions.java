package org.lianxin.web.live;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.signaling.live.AccountGate;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.token.AccountBinding;
import org.lianxin.web.audit.AuditTrail;
import org.lianxin.web.cluster.DatabaseNotices;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.security.AccountChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Closes the open signaling connections of a staff account on this instance as soon as the account changes (issue
 * 13): told by {@link AccountChanges} — this instance's change after its commit, another instance's by PostgreSQL
 * {@code NOTIFY} (the instance's {@link DatabaseNotices}; when its listening connection was broken, every
 * account connected here is checked at once) — and, as the safety net for a missed notice (H2, a broken connection),
 * by comparing every {@code lianxin.cluster.account-check} the stamps of the accounts connected here with the database. Each connection
 * closed is told {@code ROOM_SESSION_ENDED} (315) and audited ({@code auth.session-ended}, {@code channel: signaling}); a
 * join token issued before the change is refused at the join ({@link AccountGate}), audited too. A terminal's
 * (petitioner's) connection belongs to no account and is never closed here.
 */
final class AccountSessions implements AccountGate, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AccountSessions.class);

    private final LiveRooms rooms;
    private final JdbcClient jdbc;
    private final AccountChanges changes;
    private final AuditTrail trail;
    private final Duration every;
    private volatile boolean running;
    private DatabaseNotices.Subscription subscription;

    AccountSessions(LiveRooms rooms, JdbcClient jdbc, AccountChanges changes, AuditTrail trail, Duration every) {
        this.rooms = rooms;
        this.jdbc = jdbc;
        this.changes = changes;
        this.trail = trail;
        this.every = every;
        rooms.guardedBy(this);
    }

    /** A join with a token bound to {@code account}: refused (and audited) if the account changed since. */
    @Override
    public boolean current(AccountBinding account) {
        StaleAccounts.Account now = accounts(Set.of(account.accountId())).get(account.accountId());
        String why = StaleAccounts.reason(account, now);
        if (why == null) {
            return true;
        }
        audit(account.accountId(), now, Map.of("channel", "signaling", "reason", why, "refused", "join-token"));
        return false;
    }

    /** This instance changed the account: once committed, its connections here are checked at once. */
    @TransactionalEventListener(fallbackExecution = true)
    void changed(AccountChanges.AccountChanged e) {
        checkSafely(Set.of(e.accountId()));
    }

    /**
     * Closes the connections here whose account no longer stands: of {@code only} these accounts, or of all (null).
     *
     * @return how many were closed
     */
    int check(Set<Long> only) {
        Set<AccountBinding> connected = rooms.connectedAccounts().stream()
                .filter(b -> only == null || only.contains(b.accountId())).collect(Collectors.toSet());
        if (connected.isEmpty()) {
            return 0;
        }
        Map<Long, StaleAccounts.Account> now = accounts(connected.stream().map(AccountBinding::accountId)
                .collect(Collectors.toSet()));
        Map<AccountBinding, String> stale = StaleAccounts.of(connected, now);
        if (stale.isEmpty()) {
            return 0;
        }
        List<LiveRooms.EndedSession> ended = rooms.endSessions(stale.keySet());
        for (LiveRooms.EndedSession e : ended) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("channel", "signaling");
            details.put("reason", stale.get(e.account()));
            details.put("room", e.roomId());
            details.put("participant", e.participantId());
            audit(e.account().accountId(), now.get(e.account().accountId()), details);
        }
        return ended.size();
    }

    private void checkSafely(Set<Long> only) {
        try {
            check(only);
        } catch (RuntimeException e) {
            log.warn("accounts: checking the signaling connections of changed accounts failed: {}", e.toString());
        }
    }

    private Map<Long, StaleAccounts.Account> accounts(Set<Long> ids) {
        return jdbc.sql("select id, username, role, office_id, security_stamp, enabled from app_user where id in (:ids)")
                .param("ids", ids)
                .query((rs, n) -> new StaleAccounts.Account(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5), rs.getBoolean(6)))
                .list().stream().collect(Collectors.toMap(StaleAccounts.Account::id, a -> a));
    }

    private void audit(long accountId, StaleAccounts.Account now, Map<String, String> details) {
        try {
            trail.recordAs(now == null ? "#" + accountId : now.username(), now == null ? null : now.role(),
                    now == null ? null : now.officeId(), AuditAction.SESSION_ENDED, "user", Long.toString(accountId),
                    AuditOutcome.DENIED, null, details);
        } catch (RuntimeException e) {
            log.error("audit entry {} not written: {}", AuditAction.SESSION_ENDED.code(), e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        subscription = changes.listen("account-sessions-check", every, () -> checkSafely(null),
                id -> checkSafely(Set.of(id)));
        log.info("signaling connections of changed accounts: closed at once ({}) and checked every {} "
                        + "(lianxin.cluster.account-check)",
                changes.listens() ? "PostgreSQL NOTIFY from every instance" : "changes made by this instance", every);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the live rooms start, before they stop. */
    @Override
    public int getPhase() {
        return LifecyclePhases.LIVE_ROOMS + 10;
    }
}
