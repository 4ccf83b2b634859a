package org.lianxin.web.evaluation;

import org.lianxin.evaluation.EvaluationException;
import org.lianxin.evaluation.Evaluator;
import org.lianxin.evaluation.ThirdPartyEvaluation;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Role;
import org.lianxin.web.security.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sign-in of a pool's evaluator: an account of role EVALUATOR, in the office keeping the pool (which gives it no
 * jurisdiction: see {@code EvaluatorFence}), linked to the evaluator by its login. The link and the account are made
 * in one transaction; taking an evaluator out of the pool disables the account with it.
 */
@Component
class EvaluatorLogins {
    private static final Logger log = LoggerFactory.getLogger(EvaluatorLogins.class);
    static final int MIN_PASSWORD = 8;
    private final ThirdPartyEvaluation evaluation;
    private final UserAccounts users;
    private final TransactionTemplate tx;

    EvaluatorLogins(ThirdPartyEvaluation evaluation, UserAccounts users, PlatformTransactionManager transactions) {
        this.evaluation = evaluation;
        this.users = users;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Makes the evaluator's account; the password is hashed and forgotten, the admin hands it over. */
    Evaluator create(Actor admin, long evaluatorId, String username, String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw new EvaluationException.Refused("password-too-short",
                    "a password has " + MIN_PASSWORD + " to 200 characters");
        }
        Evaluator e = tx.execute(s -> {
            Evaluator linked = evaluation.linkLogin(admin, evaluatorId, username);
            if (users.find(username).isPresent()) throw taken(username);
            try {
                users.create(username, password, linked.name(), Role.EVALUATOR, linked.poolOfficeId(), null);
            } catch (DuplicateKeyException raced) {
                throw taken(username);
            }
            return linked;
        });
        log.info("evaluator {} signs in as {} (account made by {})", evaluatorId, username, admin.username());
        return e;
    }

    /** Takes the evaluator in or out of the pool; its account (if any) follows. */
    Evaluator setActive(Actor admin, long evaluatorId, boolean active) {
        return tx.execute(s -> {
            Evaluator e = evaluation.setActive(admin, evaluatorId, active);
            if (e.username() != null) {
                users.find(e.username()).filter(u -> u.role() == Role.EVALUATOR)
                        .ifPresent(u -> users.setEnabled(u.getUsername(), active));
            }
            return e;
        });
    }

    private static EvaluationException taken(String username) {
        return new EvaluationException.Conflict("evaluator-username-taken", "somebody signs in as " + username);
    }
}
