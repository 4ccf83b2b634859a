package org.lianxin.web.users;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.web.audit.AuditTrail;
import org.lianxin.web.security.SeparatedDuties;
import org.lianxin.web.security.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates staff accounts, by 三员分立 ({@link SeparatedDuties#checkCreation}): the system administrator the offices'
 * staff of its subtree, the security administrator the accounts of the three duties. The account, and its audit entry
 * (who made it; whose, which role, office and official), are written in one transaction: an account the trail could
 * not record is not made. The initial password is hashed and forgotten; the administrator hands it over.
 */
@Service
class UserCreation {
    private static final Logger log = LoggerFactory.getLogger(UserCreation.class);

    private final UserAccounts accounts;
    private final UserDirectory users;
    private final Offices offices;
    private final AuditTrail trail;
    private final TransactionTemplate tx;

    UserCreation(UserAccounts accounts, UserDirectory users, Offices offices, AuditTrail trail,
                 PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.users = users;
        this.offices = offices;
        this.trail = trail;
        this.tx = new TransactionTemplate(transactions);
    }

    UserView create(Actor actor, NewAccount request, HttpServletRequest http) {
        if (request == null) throw new RuleViolation("login-name-invalid", "the account to create", Map.of("field",
                "username"));
        if (!actor.may(Role.ADMIN, Role.SECURITY_ADMIN)) {
            throw new OutOfJurisdiction("accounts-by-administrators",
                    "accounts are managed by the system and security administrators");
        }
        NewAccount.Checked a = request.check();
        SeparatedDuties.checkCreation(actor, a.role());
        boolean inSubtree = offices.subtree(actor.officeId()).stream().map(Office::id)
                .anyMatch(id -> id == a.officeId());
        if (!inSubtree) {
            throw new OutOfJurisdiction("officeId: office " + a.officeId() + " lies outside the jurisdiction of "
                    + actor.username());
        }
        UserView made = tx.execute(s -> {
            if (a.officialId() != null) {
                Long officeOfOfficial = users.officeOfOfficial(a.officialId()).orElse(null);
                if (officeOfOfficial == null || officeOfOfficial != a.officeId()) {
                    throw new RuleViolation("official-not-in-office", "officialId: official " + a.officialId()
                            + " is not one of office " + a.officeId() + "'s", Map.of("field", "officialId"));
                }
            }
            if (accounts.find(a.username()).isPresent()) throw taken(a.username());
            long id;
            try {
                id = accounts.create(a.username(), request.password(), a.displayName(), a.role(), a.officeId(),
                        a.officialId()).id();
            } catch (DuplicateKeyException raced) {
                throw taken(a.username());
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("username", a.username());
            details.put("role", a.role().name());
            details.put("officeId", Long.toString(a.officeId()));
            if (a.officialId() != null) details.put("officialId", Long.toString(a.officialId()));
            trail.record(AuditAction.USER_CREATE, "user", Long.toString(id), AuditOutcome.ALLOWED, http, details);
            return users.find(id).orElseThrow();
        });
        log.info("account {} ({}, office {}) created by {}", made.username(), made.role(), made.officeId(),
                actor.username());
        return made;
    }

    private static Conflict taken(String username) {
        return new Conflict("username-taken", "username: somebody signs in as " + username,
                Map.of("field", "username"));
    }
}
