package org.lianxin.web.notify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.lianxin.notification.NoticeKind;
import org.lianxin.notification.Notifications;
import org.lianxin.notification.OutboxEntry;
import org.lianxin.notification.OutboxState;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Role;
import org.lianxin.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notices the dispatcher gave up on, for administrators: those of their office subtree (the province's administrators
 * also see notices to users nobody knows any more), and a retry that sends one again. Bodies are never shown.
 */
@Tag(name = "Notifications")
@RestController
@RequestMapping("/api/v1/notifications/failed")
class FailedNotificationsController {
    private final Notifications notifications;
    private final Offices offices;

    FailedNotificationsController(Notifications notifications, Offices offices) {
        this.notifications = notifications;
        this.offices = offices;
    }

    /** A notice given up on; {@code lastError} never holds an address. */
    record FailedNotice(long id, NoticeKind kind, String recipient, String subject, OutboxState state, int attempts,
                        String lastError, Instant createdAt, Instant lastAttemptAt) {
        static FailedNotice of(OutboxEntry e) {
            return new FailedNotice(e.id(), e.kind(), e.recipient(), e.subject(), e.state(), e.attempts(),
                    e.lastError(), e.createdAt(), e.lastAttemptAt());
        }
    }

    @Operation(summary = "List notifications that could not be delivered")
    @GetMapping
    List<FailedNotice> failed(Actor actor, @RequestParam(defaultValue = "100") int limit) {
        Scope scope = scope(actor);
        if (limit < 1 || limit > 1000) {
            throw new NotifyProblem(Problems.of(HttpStatus.BAD_REQUEST, "limit-out-of-range",
                    "limit must be 1..1000, was " + limit));
        }
        return notifications.failed(scope.offices(), scope.unscoped(), limit).stream().map(FailedNotice::of).toList();
    }

    @Operation(summary = "Send a failed notification again")
    @PostMapping("/{id}/retry")
    FailedNotice retry(Actor actor, @PathVariable long id) {
        Scope scope = scope(actor);
        OutboxEntry entry = notifications.find(id, scope.offices(), scope.unscoped())
                .orElseThrow(() -> new NotifyProblem(Problems.of(HttpStatus.NOT_FOUND, "notification-not-found",
                        "no notice " + id + " in your offices")));
        if (entry.state() != OutboxState.FAILED) {
            throw new NotifyProblem(Problems.of(HttpStatus.CONFLICT, "notification-not-failed",
                    "notice " + id + " is " + entry.state() + ", only FAILED notices are retried"));
        }
        return notifications.retry(id, scope.offices(), scope.unscoped()).map(FailedNotice::of)
                .orElseThrow(() -> new NotifyProblem(Problems.of(HttpStatus.CONFLICT, "notification-not-failed",
                        "notice " + id + " was retried meanwhile")));
    }

    private record Scope(List<Long> offices, boolean unscoped) {
    }

    private Scope scope(Actor actor) {
        if (!actor.may(Role.ADMIN)) {
            throw new NotifyProblem(Problems.of(HttpStatus.FORBIDDEN, "admin-only",
                    "only administrators see and retry notices"));
        }
        Office own = offices.get(actor.officeId());
        return new Scope(offices.subtree(actor.officeId()).stream().map(Office::id).toList(), own.parentId() == null);
    }
}
