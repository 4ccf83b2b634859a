package org.lianxin.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Role;

class SessionStampsTest {
    static final LianxinUser LOGGED_IN = new LianxinUser(4, "cd.leader", null, "李局长", Role.LEADER, 2, 9L, true, 3);

    static String reason(long stamp, boolean enabled, Role role) {
        return SessionStamps.staleReason(LOGGED_IN, Optional.of(new SessionStamps.Current(stamp, enabled, role.name())));
    }

    @Test
    void aSessionGoesOnWhileTheAccountsStampIsTheOneItLoggedInWith() {
        assertThat(reason(3, true, Role.LEADER)).isNull();
    }

    @Test
    void aChangedStampDisablingOrRemovalEndsItWithItsReason() {
        assertThat(reason(4, true, Role.OFFICIAL)).isEqualTo("role-changed");
        assertThat(reason(4, true, Role.LEADER)).as("a password change").isEqualTo("account-changed");
        assertThat(reason(4, false, Role.LEADER)).isEqualTo("account-disabled");
        assertThat(reason(3, false, Role.LEADER)).as("disabled by hand, stamp untouched").isEqualTo("account-disabled");
        assertThat(SessionStamps.staleReason(LOGGED_IN, Optional.empty())).isEqualTo("account-removed");
    }
}
