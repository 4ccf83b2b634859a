package org.lianxin.web.users;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.web.security.SeparatedDuties;
import org.lianxin.web.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts and their roles, by 三员分立 ({@link SeparatedDuties}): the system administrator and the security
 * administrator list the accounts of their subtree; only the security administrator changes a role; each change is
 * written to the audit trail (who, whose, from, to) in the change's transaction, so that a change the trail could
 * not record is not made.
 */
@Service
class UserRoles {
    private final UserDirectory users;
    private final Offices offices;
    private final AuditTrail trail;
    private final TransactionTemplate tx;

    UserRoles(UserDirectory users, Offices offices, AuditTrail trail, PlatformTransactionManager transactions) {
        this.users = users;
        this.offices = offices;
        this.trail = trail;
        this.tx = new TransactionTemplate(transactions);
    }

    List<UserView> list(Actor actor) {
        requireManager(actor);
        return users.inOffices(subtree(actor));
    }

    UserView changeRole(Actor actor, long id, Role to, HttpServletRequest request) {
        SeparatedDuties.requireSecurityAdmin(actor);
        return tx.execute(s -> {
            UserView target = inJurisdiction(actor, id);
            Role duty = SeparatedDuties.checkRoleChange(actor, target.account(), to);
            if (target.role() == to) return target;
            if (!users.setRole(id, target.role(), to, duty)) {
                throw new Conflict("user-changed", "account " + id + " was changed meanwhile; load it again");
            }
            trail.record(AuditAction.USER_ROLE, "user", Long.toString(id), AuditOutcome.ALLOWED, request,
                    Map.of("username", target.username(), "from", target.role().name(), "to", to.name()));
            return users.find(id).orElseThrow();
        });
    }

    UserView setEnabled(Actor actor, long id, boolean enabled, HttpServletRequest request) {
        requireManager(actor);
        return tx.execute(s -> {
            UserView target = inJurisdiction(actor, id);
            SeparatedDuties.checkEnabling(actor, target.account());
            if (target.enabled() == enabled) return target;
            users.setEnabled(id, enabled);
            trail.record(AuditAction.USER_ENABLE, "user", Long.toString(id), AuditOutcome.ALLOWED, request,
                    Map.of("username", target.username(), "enabled", Boolean.toString(enabled)));
            return users.find(id).orElseThrow();
        });
    }

    private static void requireManager(Actor actor) {
        if (!actor.may(Role.ADMIN, Role.SECURITY_ADMIN)) {
            throw new OutOfJurisdiction("accounts-by-administrators",
                    "accounts are managed by the system and security administrators");
        }
    }

    private UserView inJurisdiction(Actor actor, long id) {
        UserView target = users.find(id).orElseThrow(() -> new NotFound("user", id));
        if (!subtree(actor).contains(target.officeId())) {
            throw new OutOfJurisdiction("user " + id + " lies outside the jurisdiction of " + actor.username());
        }
        return target;
    }

    private Set<Long> subtree(Actor actor) {
        return offices.subtree(actor.officeId()).stream().map(Office::id).collect(Collectors.toSet());
    }
}
