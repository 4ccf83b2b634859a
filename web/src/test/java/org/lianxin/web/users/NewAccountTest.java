package org.lianxin.web.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;

class NewAccountTest {
    static final String GOOD = "Chengdu-2026";

    static RuleViolation refusal(NewAccount a) {
        return catchThrowableOfType(RuleViolation.class, a::check);
    }

    static void refused(NewAccount a, String rule, String field) {
        RuleViolation v = refusal(a);
        assertThat(v).as(a.toString()).isNotNull();
        assertThat(v.rule()).isEqualTo(rule);
        assertThat(v.facts()).containsEntry("field", field);
    }

    @Test
    void aGoodAccountIsCheckedAndTrimmed() {
        NewAccount.Checked c = new NewAccount(" cd.scheduler2 ", " 王小明 ", 7L, "SCHEDULER", 99L, GOOD).check();
        assertThat(c).isEqualTo(new NewAccount.Checked("cd.scheduler2", "王小明", 7L, Role.SCHEDULER, null));
        assertThat(new NewAccount("cd.leader2", "李局长", 7L, "LEADER", 5L, GOOD).check().officialId()).isEqualTo(5L);
    }

    @Test
    void eachBadFieldIsNamed() {
        refused(new NewAccount(null, "王小明", 7L, "SCHEDULER", null, GOOD), "login-name-invalid", "username");
        refused(new NewAccount("ab", "王小明", 7L, "SCHEDULER", null, GOOD), "login-name-invalid", "username");
        refused(new NewAccount("9lives", "王小明", 7L, "SCHEDULER", null, GOOD), "login-name-invalid", "username");
        refused(new NewAccount("Cd.Upper", "王小明", 7L, "SCHEDULER", null, GOOD), "login-name-invalid", "username");
        refused(new NewAccount("cd.王", "王小明", 7L, "SCHEDULER", null, GOOD), "login-name-invalid", "username");
        refused(new NewAccount("cd.x" + "y".repeat(61), "王小明", 7L, "SCHEDULER", null, GOOD), "login-name-invalid",
                "username");
        refused(new NewAccount("cd.ok", "  ", 7L, "SCHEDULER", null, GOOD), "display-name-invalid", "displayName");
        refused(new NewAccount("cd.ok", "王".repeat(101), 7L, "SCHEDULER", null, GOOD), "display-name-invalid",
                "displayName");
        refused(new NewAccount("cd.ok", "王\u0007明", 7L, "SCHEDULER", null, GOOD), "control-character",
                "displayName");
        refused(new NewAccount("cd.ok", "王小明", null, "SCHEDULER", null, GOOD), "office-required", "officeId");
        refused(new NewAccount("cd.ok", "王小明", 7L, "ROOT", null, GOOD), "role-unknown", "role");
        refused(new NewAccount("cd.ok", "王小明", 7L, null, null, GOOD), "role-unknown", "role");
        refused(new NewAccount("cd.ok", "王小明", 7L, "LEADER", null, GOOD), "official-needed", "officialId");
        refused(new NewAccount("cd.ok", "王小明", 7L, "OFFICIAL", null, GOOD), "official-needed", "officialId");
        refused(new NewAccount("cd.ok", "王小明", 7L, "SCHEDULER", null, "short1A"), "password-weak", "password");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(new NewAccount("cd.ok", "王小明", 7L, "SCHEDULER", null, GOOD).toString()).doesNotContain(GOOD);
    }
}
