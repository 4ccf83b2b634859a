package org.lianxin.web.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;

/**
 * 三员分立 as rules, without I/O: who may change whose role or account, and the one rule that no account holds two of
 * the three separated duties (system administrator, security administrator, auditor) — not at once (an account has one
 * role) and not one after the other: an account keeps the first duty it held ({@code duty}) for good, so that an
 * administrator's account never becomes the auditor of what it did. Each refusal carries a stable rule.
 */
public final class SeparatedDuties {
    /** The problem's rule when a role change is asked by anyone but a security administrator. */
    public static final String NEEDS_SECURITY_ADMIN = "role-change-needs-security-admin";
    /** The problem's rule when an account would hold a second of the three duties. */
    public static final String TWO_DUTIES = "separated-duties";
    /** The problem's rule when a security administrator changes its own role. */
    public static final String OWN_ROLE = "own-role";
    /** The problem's rule when the evaluator role would be granted or taken here (the evaluator pool does it). */
    public static final String EVALUATOR_BY_POOL = "evaluator-role-by-pool";
    /** The problem's rule when a leader's or official's role is granted to an account not linked to an official. */
    public static final String OFFICIAL_NEEDED = "official-needed";
    /** The problem's rule when an administrator enables or disables an account of a separated duty. */
    public static final String DUTY_ACCOUNT = "duty-account-by-security-admin";

    private SeparatedDuties() {
    }

    /** An account as these rules see it. */
    public record Account(String username, Role role, String duty, long officeId, Long officialId) {
        /** The separated duty the account holds or held: the stored one, else its role if that is one. */
        public Role heldDuty() {
            if (duty != null) return Role.valueOf(duty);
            return role.isSeparatedDuty() ? role : null;
        }
    }

    /**
     * Checks that {@code actor} may give {@code target} the role {@code to}; the caller has checked that the target
     * lies in the actor's jurisdiction.
     *
     * @return the duty the account holds after the change (to be stored), or null
     */
    public static Role checkRoleChange(Actor actor, Account target, Role to) {
        requireSecurityAdmin(actor);
        if (actor.username().equals(target.username())) {
            throw new RuleViolation("own-role", "a security administrator does not change its own role");
        }
        if (to == Role.EVALUATOR || target.role() == Role.EVALUATOR) {
            throw new RuleViolation("evaluator-role-by-pool", "evaluators' accounts are made and closed by the evaluator pool");
        }
        if ((to == Role.LEADER || to == Role.OFFICIAL) && target.officialId() == null) {
            throw new RuleViolation("official-needed", "a " + to + " account must be linked to an official record");
        }
        Role held = target.heldDuty();
        if (to.isSeparatedDuty() && held != null && held != to) {
            throw new RuleViolation("separated-duties", "account " + target.username() + " held the duty " + held
                    + "; no account holds two of ADMIN, SECURITY_ADMIN and AUDITOR (三员分立)",
                    Map.of("heldDuty", held.name(), "role", to.name()));
        }
        return held != null ? held : (to.isSeparatedDuty() ? to : null);
    }

    /** Refuses anyone but a security administrator ({@value #NEEDS_SECURITY_ADMIN}). */
    public static void requireSecurityAdmin(Actor actor) {
        if (actor.role() != Role.SECURITY_ADMIN) {
            throw new OutOfJurisdiction("role-change-needs-security-admin", "only a security administrator (安全管理员) grants roles");
        }
    }

    /**
     * Checks that {@code actor} may create an account of {@code role}: the system administrator creates the offices'
     * staff (scheduler, leader, official, reviewer); the accounts of the three duties (system administrator, security
     * administrator, auditor) only a security administrator, as it alone grants those roles; evaluators' accounts are
     * made by the evaluator pool. The caller checks the office lies in the actor's jurisdiction.
     */
    public static void checkCreation(Actor actor, Role role) {
        if (role == Role.EVALUATOR) {
            throw new RuleViolation("evaluator-role-by-pool", "evaluators' accounts are made by the evaluator pool",
                    Map.of("field", "role"));
        }
        boolean duty = role.isSeparatedDuty();
        if (actor.role() == Role.SECURITY_ADMIN && duty || actor.role() == Role.ADMIN && !duty) return;
        if (actor.role() != Role.SECURITY_ADMIN && actor.role() != Role.ADMIN) {
            throw new OutOfJurisdiction("accounts-by-administrators",
                    "accounts are managed by the system and security administrators");
        }
        throw new OutOfJurisdiction(duty ? "duty-account-by-security-admin" : "account-by-admin", duty
                ? "the accounts of the three duties are created by a security administrator"
                : "the offices' staff accounts are created by a system administrator");
    }

    /**
     * Checks that {@code actor} may enable or disable {@code target}'s account: the system administrator does so for
     * the offices' staff; the accounts of the three duties only a security administrator (an administrator who could
     * switch off the auditor would interrupt the audit of what it does). Nobody disables itself.
     */
    public static void checkEnabling(Actor actor, Account target) {
        if (actor.username().equals(target.username())) {
            throw new RuleViolation("own-account", "nobody enables or disables its own account");
        }
        if (target.role() == Role.EVALUATOR) {
            throw new RuleViolation("evaluator-role-by-pool", "evaluators' accounts are opened and closed by the evaluator pool");
        }
        boolean duty = target.heldDuty() != null;
        if (actor.role() == Role.SECURITY_ADMIN && duty || actor.role() == Role.ADMIN && !duty) return;
        throw new OutOfJurisdiction(duty ? "duty-account-by-security-admin" : "account-by-admin", duty
                ? "the accounts of the three duties are enabled and disabled by a security administrator"
                : "the offices' staff accounts are enabled and disabled by a system administrator");
    }

    /**
     * Checks a set of accounts (the demo data's, at start-up) for a user name given two of the three duties.
     *
     * @return one line per user name that would hold two, empty if none
     */
    public static List<String> conflicts(Collection<Account> accounts) {
        Map<String, Role> held = new HashMap<>();
        List<String> problems = new java.util.ArrayList<>();
        for (Account a : accounts) {
            Role duty = a.heldDuty();
            if (duty == null) continue;
            Role before = held.putIfAbsent(a.username(), duty);
            if (before != null && before != duty) {
                problems.add(a.username() + " would hold both " + before + " and " + duty);
            }
        }
        return problems;
    }
}
