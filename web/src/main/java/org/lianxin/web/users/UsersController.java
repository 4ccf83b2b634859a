package org.lianxin.web.users;

import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.web.security.PasswordPolicy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts of the caller's subtree, for the system administrator (ADMIN: enables and disables the staff's accounts)
 * and the security administrator (SECURITY_ADMIN: grants roles, enables and disables the accounts of the three
 * duties). Refusals are problem details with the rules of {@link SeparatedDuties}.
 */
@Tag(name = "Users")
@RestController
@RequestMapping("/api/v1/users")
class UsersController {
    private final UserRoles roles;
    private final UserCreation creation;

    UsersController(UserRoles roles, UserCreation creation) {
        this.roles = roles;
        this.creation = creation;
    }

    /** The role to give. */
    record RoleRequest(String role) {
    }

    /** Whether the account may sign in. */
    record EnabledRequest(Boolean enabled) {
    }

    @Operation(summary = "List the accounts of the caller's subtree (system and security administrators)")
    @GetMapping
    List<UserView> list(Actor actor) {
        return roles.list(actor);
    }

    @Operation(summary = "Create an account: staff by the system administrator, the three duties' accounts by the"
            + " security administrator (audited; the initial password must meet the stated policy)",
            description = "The office must lie in the caller's subtree; a LEADER or OFFICIAL account names the official"
                    + " record of that office it belongs to; EVALUATOR accounts are made by the evaluator pool. The"
                    + " initial password: " + PasswordPolicy.STATED + ". Answers 201 with the account and its"
                    + " Location; a bad field is a 422 problem naming it (`field`); a login name in use is 409"
                    + " `username-taken`.")
    @PostMapping
    ResponseEntity<UserView> create(Actor actor, @RequestBody NewAccount body, HttpServletRequest request) {
        UserView made = creation.create(actor, body, request);
        return ResponseEntity.created(URI.create("/api/v1/users/" + made.id())).body(made);
    }

    @Operation(summary = "Change an account's role (security administrator only; audited; 三员分立 enforced)")
    @PutMapping("/{id}/role")
    UserView changeRole(Actor actor, @PathVariable long id, @RequestBody RoleRequest body,
                        HttpServletRequest request) {
        return roles.changeRole(actor, id, NewAccount.roleOf(body == null ? null : body.role()), request);
    }

    @Operation(summary = "Enable or disable an account (audited)")
    @PutMapping("/{id}/enabled")
    UserView setEnabled(Actor actor, @PathVariable long id, @RequestBody EnabledRequest body,
                        HttpServletRequest request) {
        if (body == null || body.enabled() == null) {
            throw new RuleViolation("enabled-required", "enabled: true or false");
        }
        return roles.setEnabled(actor, id, body.enabled(), request);
    }
}
