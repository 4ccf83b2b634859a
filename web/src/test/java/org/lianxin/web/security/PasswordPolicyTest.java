package org.lianxin.web.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.RuleViolation;

class PasswordPolicyTest {

    static void weak(String username, String password, String why) {
        assertThatThrownBy(() -> PasswordPolicy.check(username, password)).as(password)
                .isInstanceOf(RuleViolation.class).hasMessageContaining(why)
                .satisfies(e -> {
                    RuleViolation v = (RuleViolation) e;
                    org.assertj.core.api.Assertions.assertThat(v.rule()).isEqualTo("password-weak");
                    org.assertj.core.api.Assertions.assertThat(v.facts()).containsEntry("field", "password");
                });
    }

    @Test
    void threeKindsOfCharactersInTenOrMoreWithoutTheLoginNamePass() {
        assertThatCode(() -> PasswordPolicy.check("cd.leader2", "Spring2026x")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("cd.leader2", "chengdu-2026-ok")).doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("cd.leader2", "连心接访系统abc2026")).as("Chinese counts as other")
                .doesNotThrowAnyException();
        assertThatCode(() -> PasswordPolicy.check("u", "Aa1" + "x".repeat(PasswordPolicy.MAX - 3)))
                .doesNotThrowAnyException();
    }

    @Test
    void shortLongPlainControlOrNamedPasswordsAreRefusedSayingWhy() {
        weak("cd.leader2", null, "required");
        weak("cd.leader2", "", "required");
        weak("cd.leader2", "Ab1defghi", "9 characters");
        weak("u", "Aa1" + "x".repeat(PasswordPolicy.MAX - 2), "201 characters");
        weak("cd.leader2", "abcdefghijkl", "1 of the four");
        weak("cd.leader2", "abcdef123456", "2 of the four");
        weak("cd.leader2", "Abcdef12345\u0007", "control character");
        weak("cd.leader2", "Xx-CD.Leader2-2026", "login name");
    }
}
