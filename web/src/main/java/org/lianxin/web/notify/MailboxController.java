package org.lianxin.web.notify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Role;
import org.lianxin.web.problem.Problems;
import org.lianxin.web.security.LianxinUser;
import org.lianxin.web.security.UserAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a user's notices are e-mailed: each user reads and sets their own address; an administrator sets the
 * address of a user of their office subtree. An empty address removes it (notices then reach the log only).
 */
@Tag(name = "Notifications")
@RestController
class MailboxController {
    private final UserAccounts users;
    private final Offices offices;

    MailboxController(UserAccounts users, Offices offices) {
        this.users = users;
        this.offices = offices;
    }

    /** @param email an address (spaces around it are dropped), or null / empty for none */
    record Mailbox(@Size(max = 254) @Email(regexp = "^$|[^\\s@<>\"]+@[^\\s@<>\"]+\\.[^\\s@<>\"]+") String email) {
        Mailbox {
            email = email == null ? null : email.strip();
        }

        String normalised() {
            return email == null || email.isEmpty() ? null : email;
        }
    }

    @Operation(summary = "Get the caller's e-mail address for notices")
    @GetMapping("/api/v1/me/email")
    Mailbox mine(Actor actor) {
        return new Mailbox(users.email(actor.username()).orElse(null));
    }

    @Operation(summary = "Set or clear the caller's e-mail address for notices")
    @PutMapping("/api/v1/me/email")
    Mailbox setMine(Actor actor, @Valid @RequestBody Mailbox body) {
        users.setEmail(actor.username(), body.normalised());
        return new Mailbox(body.normalised());
    }

    @Operation(summary = "Set or clear another user's e-mail address (administrators)")
    @PutMapping("/api/v1/users/{username}/email")
    Mailbox setUsers(Actor actor, @PathVariable String username, @Valid @RequestBody Mailbox body) {
        if (!actor.may(Role.ADMIN)) {
            throw new NotifyProblem(Problems.of(HttpStatus.FORBIDDEN, "admin-only",
                    "only administrators set others' addresses"));
        }
        LianxinUser user = users.find(username).filter(u -> inSubtree(actor, u.officeId()))
                .orElseThrow(() -> new NotifyProblem(Problems.of(HttpStatus.NOT_FOUND, "user-not-found",
                        "no user " + username + " in your offices")));
        users.setEmail(user.getUsername(), body.normalised());
        return new Mailbox(body.normalised());
    }

    private boolean inSubtree(Actor actor, long officeId) {
        Office own = offices.get(actor.officeId());
        return own.contains(offices.get(officeId));
    }
}
