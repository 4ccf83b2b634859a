package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.token.AccountBinding;

class StaleAccountsTest {
    static StaleAccounts.Account account(long id, long stamp, boolean enabled) {
        return new StaleAccounts.Account(id, "u" + id, "LEADER", 3, stamp, enabled);
    }

    @Test
    void aConnectionStandsWhileItsAccountKeepsTheStampItsTokenWasIssuedWith() {
        assertThat(StaleAccounts.reason(new AccountBinding(1, 4), account(1, 4, true))).isNull();
        assertThat(StaleAccounts.reason(new AccountBinding(1, 4), account(1, 5, true))).isEqualTo("account-changed");
        assertThat(StaleAccounts.reason(new AccountBinding(1, 4), account(1, 3, true)))
                .as("any other stamp, not only a higher one").isEqualTo("account-changed");
        assertThat(StaleAccounts.reason(new AccountBinding(1, 4), account(1, 4, false))).isEqualTo("account-disabled");
        assertThat(StaleAccounts.reason(new AccountBinding(1, 4), null)).isEqualTo("account-removed");
    }

    @Test
    void ofTheConnectedOnlyThoseOfChangedDisabledOrRemovedAccountsAreStale() {
        Set<AccountBinding> connected = Set.of(new AccountBinding(1, 0), new AccountBinding(1, 1),
                new AccountBinding(2, 7), new AccountBinding(3, 0), new AccountBinding(4, 2));
        Map<Long, StaleAccounts.Account> now = Map.of(1L, account(1, 1, true), 2L, account(2, 7, true),
                4L, account(4, 2, false));

        assertThat(StaleAccounts.of(connected, now)).containsExactlyInAnyOrderEntriesOf(Map.of(
                new AccountBinding(1, 0), "account-changed", // an old connection of account 1; its new one stands
                new AccountBinding(3, 0), "account-removed",
                new AccountBinding(4, 2), "account-disabled"));
        assertThat(StaleAccounts.of(Set.of(), now)).isEmpty();
    }
}
