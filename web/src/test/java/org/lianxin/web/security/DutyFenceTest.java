package org.lianxin.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Role;

class DutyFenceTest {

    @Test
    void theAuditorOpensItsPageAndTheTrailOnly() {
        assertThat(DutyFence.allows(Role.AUDITOR, "GET", "/audit/")).isTrue();
        assertThat(DutyFence.allows(Role.AUDITOR, "GET", "/audit/audit.js")).isTrue();
        assertThat(DutyFence.allows(Role.AUDITOR, "GET", "/api/v1/audit/entries")).isTrue();
        assertThat(DutyFence.allows(Role.AUDITOR, "HEAD", "/api/v1/audit/entries.csv")).isTrue();
        assertThat(DutyFence.allows(Role.AUDITOR, "GET", "/api/v1/me")).isTrue();
        assertThat(DutyFence.allows(Role.AUDITOR, "DELETE", "/api/v1/audit/entries")).isFalse();
        assertThat(DutyFence.allows(Role.AUDITOR, "GET", "/api/v1/bookings")).isFalse();
        assertThat(DutyFence.allows(Role.AUDITOR, "GET", "/api/v1/recordings/1")).isFalse();
        assertThat(DutyFence.allows(Role.AUDITOR, "GET", "/api/v1/users")).isFalse();
        assertThat(DutyFence.allows(Role.AUDITOR, "GET", "/ws/signaling")).isFalse();
        assertThat(DutyFence.allows(Role.AUDITOR, "GET", "/booking/")).isFalse();
        assertThat(DutyFence.allows(Role.AUDITOR, "GET", "/api/v1/audit/entries/../../cases")).isFalse();
    }

    @Test
    void theSecurityAdministratorOpensTheAccountsOnly() {
        assertThat(DutyFence.allows(Role.SECURITY_ADMIN, "GET", "/users/")).isTrue();
        assertThat(DutyFence.allows(Role.SECURITY_ADMIN, "GET", "/api/v1/users")).isTrue();
        assertThat(DutyFence.allows(Role.SECURITY_ADMIN, "PUT", "/api/v1/users/12/role")).isTrue();
        assertThat(DutyFence.allows(Role.SECURITY_ADMIN, "PUT", "/api/v1/users/12/enabled")).isTrue();
        assertThat(DutyFence.allows(Role.SECURITY_ADMIN, "GET", "/api/v1/audit/entries")).isFalse();
        assertThat(DutyFence.allows(Role.SECURITY_ADMIN, "GET", "/api/v1/cases")).isFalse();
        assertThat(DutyFence.allows(Role.SECURITY_ADMIN, "POST", "/api/v1/users/12/role")).isFalse();
    }

    @Test
    void onlyTheTwoNewDutiesAreFenced() {
        for (Role r : Role.values()) {
            assertThat(DutyFence.fences(r)).as(r.name()).isEqualTo(r == Role.AUDITOR || r == Role.SECURITY_ADMIN);
            if (!DutyFence.fences(r)) assertThat(DutyFence.allows(r, "GET", "/api/v1/bookings")).isTrue();
        }
    }
}
