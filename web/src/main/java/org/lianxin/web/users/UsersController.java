package org.lianxin.web.users;

import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

    UsersController(UserRoles roles) {
        this.roles = roles;
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

    @Operation(summary = "Change an account's role (security administrator only; audited; 三员分立 enforced)")
    @PutMapping("/{id}/role")
    UserView changeRole(Actor actor, @PathVariable long id, @RequestBody RoleRequest body,
                        HttpServletRequest request) {
        return roles.changeRole(actor, id, role(body == null ? null : body.role()), request);
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

    private static Role role(String name) {
        if (name != null) {
            for (Role r : Role.values()) {
                if (r.name().equals(name)) return r;
            }
        }
        throw new RuleViolation("role-unknown", "role: one of " + List.of(Role.values()));
    }
}
