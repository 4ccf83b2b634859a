package org.lianxin.web.live;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.lianxin.signaling.token.AccountBinding;

/**
 * Which signaling connections a changed account loses (issue 13), pure: a connection joined with a token bound to
 * an account stands while that account exists, is enabled and has the security stamp the token was issued with; any
 * change of role, office, password or active flag bumps the stamp, so the connection (and the token) no longer does.
 */
final class StaleAccounts {

    private StaleAccounts() {
    }

    /** An account as it stands now. */
    record Account(long id, String username, String role, long officeId, long stamp, boolean enabled) {
    }

    /** Why a connection or token bound to {@code bound} no longer stands with the account as it is {@code now}, or null. */
    static String reason(AccountBinding bound, Account now) {
        if (now == null) return "account-removed";
        if (!now.enabled()) return "account-disabled";
        return now.stamp() == bound.stamp() ? null : "account-changed";
    }

    /** The bindings among {@code connected} that no longer stand, with why; {@code now}: the accounts by id. */
    static Map<AccountBinding, String> of(Set<AccountBinding> connected, Map<Long, Account> now) {
        Map<AccountBinding, String> stale = new HashMap<>();
        for (AccountBinding b : connected) {
            String why = reason(b, now.get(b.accountId()));
            if (why != null) stale.put(b, why);
        }
        return stale;
    }
}
