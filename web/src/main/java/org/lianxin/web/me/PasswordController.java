package org.lianxin.web.me;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

import org.lianxin.scheduler.RuleViolation;
import org.lianxin.web.security.LianxinUser;
import org.lianxin.web.security.PasswordPolicy;
import org.lianxin.web.security.UserAccounts;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user changes its own password: the current one, and a new one meeting {@link PasswordPolicy}. The change bumps
 * the account's security stamp, so every other session of the account ends at its next request
 * ({@code security.SessionStamps}); the session that made the change goes on with the new stamp. The request is
 * audited as {@code user.change} (op {@code password}) by {@code RequestAudit}; no password is ever logged.
 */
@Tag(name = "Me")
@RestController
@RequestMapping("/api/v1/me")
class PasswordController {
    private final UserAccounts accounts;
    private final TransactionTemplate tx;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    PasswordController(UserAccounts accounts, PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The current password and the new one. */
    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() { // never the passwords
            return "PasswordChange[…]";
        }
    }

    @Operation(summary = "Change one's own password (the current one and a new one meeting the policy); ends the"
            + " account's other sessions", description = "The new password: " + PasswordPolicy.STATED + ". A wrong"
            + " current password is a 422 `password-wrong` (field `currentPassword`), a weak new one 422"
            + " `password-weak` (field `newPassword`). Answers 204.")
    @PutMapping("/password")
    ResponseEntity<Void> change(@RequestBody PasswordChange body, HttpServletRequest request,
                                HttpServletResponse response) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof LianxinUser me)) {
            throw new RuleViolation("password-wrong", "log in as a staff user first", Map.of("field",
                    "currentPassword"));
        }
        String current = body == null ? null : body.currentPassword();
        String next = body == null ? null : body.newPassword();
        if (current == null || !accounts.passwordMatches(me.getUsername(), current)) {
            throw new RuleViolation("password-wrong", "currentPassword: not the account's password",
                    Map.of("field", "currentPassword"));
        }
        try {
            PasswordPolicy.check(me.getUsername(), next);
        } catch (RuleViolation weak) {
            throw new RuleViolation("password-weak", weak.getMessage().replaceFirst("^password", "newPassword"),
                    Map.of("field", "newPassword", "minLength", PasswordPolicy.MIN));
        }
        if (next.equals(current)) {
            throw new RuleViolation("password-unchanged", "newPassword: the same as the current one",
                    Map.of("field", "newPassword"));
        }
        Long stamp = tx.execute(s -> accounts.setPassword(me.getUsername(), next)); // the row stays locked till commit
        // this session goes on, with the new stamp; the account's other sessions end at their next request
        LianxinUser renewed = new LianxinUser(me.id(), me.getUsername(), null, me.displayName(), me.role(),
                me.officeId(), me.officialId(), me.isEnabled(), stamp);
        if (request.getSession(false) != null) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(renewed, null,
                    renewed.getAuthorities()));
            SecurityContextHolder.setContext(context);
            sessions.saveContext(context, request, response);
        }
        return ResponseEntity.noContent().build();
    }
}
