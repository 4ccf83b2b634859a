package org.lianxin.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.SchedulerException;

class SeparatedDutiesTest {
    static final Actor SECURITY = new Actor("sc.security", Role.SECURITY_ADMIN, 1, null);
    static final Actor ADMIN = new Actor("sc.admin", Role.ADMIN, 1, null);

    static SeparatedDuties.Account account(String name, Role role, String duty) {
        return new SeparatedDuties.Account(name, role, duty, 2, null);
    }

    static String ruleOf(Runnable r) {
        try {
            r.run();
        } catch (SchedulerException e) {
            return e.rule();
        }
        return null;
    }

    @Test
    void onlyTheSecurityAdministratorGrantsRoles() {
        for (Role r : Role.values()) {
            Actor actor = new Actor("someone", r, 1, null);
            String rule = ruleOf(() -> SeparatedDuties.checkRoleChange(actor, account("x", Role.SCHEDULER, null),
                    Role.REVIEWER));
            assertThat(rule).as(r.name()).isEqualTo(r == Role.SECURITY_ADMIN ? null
                    : SeparatedDuties.NEEDS_SECURITY_ADMIN);
        }
        assertThatThrownBy(() -> SeparatedDuties.requireSecurityAdmin(ADMIN)).isInstanceOf(OutOfJurisdiction.class);
    }

    @Test
    void anAccountThatHeldOneDutyNeverTakesAnother() {
        SeparatedDuties.Account admin = account("cd.admin", Role.ADMIN, "ADMIN");
        assertThat(ruleOf(() -> SeparatedDuties.checkRoleChange(SECURITY, admin, Role.AUDITOR)))
                .isEqualTo(SeparatedDuties.TWO_DUTIES);
        assertThat(ruleOf(() -> SeparatedDuties.checkRoleChange(SECURITY, admin, Role.SECURITY_ADMIN)))
                .isEqualTo(SeparatedDuties.TWO_DUTIES);
        // a former administrator now scheduling still held the duty: not the auditor either
        SeparatedDuties.Account former = account("cd.former", Role.SCHEDULER, "ADMIN");
        assertThat(SeparatedDuties.checkRoleChange(SECURITY, former, Role.REVIEWER)).isEqualTo(Role.ADMIN);
        assertThat(ruleOf(() -> SeparatedDuties.checkRoleChange(SECURITY, former, Role.AUDITOR)))
                .isEqualTo(SeparatedDuties.TWO_DUTIES);
        assertThat(SeparatedDuties.checkRoleChange(SECURITY, former, Role.ADMIN)).isEqualTo(Role.ADMIN);
        // a row from before the duty column: its role is its duty
        SeparatedDuties.Account old = account("old.admin", Role.ADMIN, null);
        assertThat(ruleOf(() -> SeparatedDuties.checkRoleChange(SECURITY, old, Role.AUDITOR)))
                .isEqualTo(SeparatedDuties.TWO_DUTIES);
    }

    @Test
    void aFirstDutyIsRememberedAndOtherRolesStayFree() {
        SeparatedDuties.Account staff = account("cd.staff", Role.SCHEDULER, null);
        assertThat(SeparatedDuties.checkRoleChange(SECURITY, staff, Role.AUDITOR)).isEqualTo(Role.AUDITOR);
        assertThat(SeparatedDuties.checkRoleChange(SECURITY, staff, Role.REVIEWER)).isNull();
    }

    @Test
    void theSecurityAdministratorChangesNeitherItselfNorEvaluatorsNorOfficialsWithoutARecord() {
        assertThat(ruleOf(() -> SeparatedDuties.checkRoleChange(SECURITY,
                account("sc.security", Role.SECURITY_ADMIN, "SECURITY_ADMIN"), Role.SCHEDULER)))
                .isEqualTo(SeparatedDuties.OWN_ROLE);
        assertThat(ruleOf(() -> SeparatedDuties.checkRoleChange(SECURITY, account("e", Role.SCHEDULER, null),
                Role.EVALUATOR))).isEqualTo(SeparatedDuties.EVALUATOR_BY_POOL);
        assertThat(ruleOf(() -> SeparatedDuties.checkRoleChange(SECURITY, account("e", Role.EVALUATOR, null),
                Role.SCHEDULER))).isEqualTo(SeparatedDuties.EVALUATOR_BY_POOL);
        assertThatThrownBy(() -> SeparatedDuties.checkRoleChange(SECURITY, account("s", Role.SCHEDULER, null),
                Role.LEADER)).isInstanceOf(RuleViolation.class).hasMessageContaining("official");
        assertThat(SeparatedDuties.checkRoleChange(SECURITY,
                new SeparatedDuties.Account("s", Role.SCHEDULER, null, 2, 7L), Role.LEADER)).isNull();
    }

    @Test
    void theAdministratorSwitchesStaffAccountsTheSecurityAdministratorTheDutiesAccounts() {
        SeparatedDuties.Account staff = account("cd.staff", Role.SCHEDULER, null);
        SeparatedDuties.Account auditor = account("cd.auditor", Role.AUDITOR, "AUDITOR");
        SeparatedDuties.checkEnabling(ADMIN, staff);
        SeparatedDuties.checkEnabling(SECURITY, auditor);
        assertThat(ruleOf(() -> SeparatedDuties.checkEnabling(ADMIN, auditor)))
                .isEqualTo(SeparatedDuties.DUTY_ACCOUNT);
        assertThat(ruleOf(() -> SeparatedDuties.checkEnabling(SECURITY, staff))).isEqualTo("account-by-admin");
        assertThat(ruleOf(() -> SeparatedDuties.checkEnabling(ADMIN, account("sc.admin", Role.ADMIN, "ADMIN"))))
                .isEqualTo("own-account");
    }

    @Test
    void conflictsNameEachUserGivenTwoDuties() {
        assertThat(SeparatedDuties.conflicts(List.of(account("a", Role.ADMIN, null), account("b", Role.AUDITOR, null),
                account("a", Role.AUDITOR, null), account("b", Role.SCHEDULER, null)))).containsExactly(
                "a would hold both ADMIN and AUDITOR");
        assertThat(SeparatedDuties.conflicts(List.of(account("a", Role.ADMIN, null), account("a", Role.ADMIN, null))))
                .isEmpty();
    }

    @Test
    void theSystemAdministratorCreatesStaffAndTheSecurityAdministratorTheDutiesAccounts() {
        for (Role r : Role.values()) {
            String byAdmin = ruleOf(() -> SeparatedDuties.checkCreation(ADMIN, r));
            String bySecurity = ruleOf(() -> SeparatedDuties.checkCreation(SECURITY, r));
            if (r == Role.EVALUATOR) {
                assertThat(byAdmin).isEqualTo(SeparatedDuties.EVALUATOR_BY_POOL);
                assertThat(bySecurity).isEqualTo(SeparatedDuties.EVALUATOR_BY_POOL);
            } else if (r.isSeparatedDuty()) {
                assertThat(byAdmin).as(r.name()).isEqualTo(SeparatedDuties.DUTY_ACCOUNT);
                assertThat(bySecurity).as(r.name()).isNull();
            } else {
                assertThat(byAdmin).as(r.name()).isNull();
                assertThat(bySecurity).as(r.name()).isEqualTo("account-by-admin");
            }
        }
        for (Role actorRole : List.of(Role.SCHEDULER, Role.LEADER, Role.OFFICIAL, Role.REVIEWER, Role.AUDITOR)) {
            Actor someone = new Actor("someone", actorRole, 1, null);
            assertThat(ruleOf(() -> SeparatedDuties.checkCreation(someone, Role.SCHEDULER))).as(actorRole.name())
                    .isEqualTo("accounts-by-administrators");
        }
    }
}
