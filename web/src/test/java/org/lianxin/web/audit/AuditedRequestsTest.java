package org.lianxin.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditOutcome;

class AuditedRequestsTest {

    @Test
    void bookingsAreCreatedRescheduledCancelledAndChanged() {
        assertThat(AuditedRequests.change("POST", "/api/v1/bookings"))
                .isEqualTo(new AuditedRequests.Change(AuditAction.BOOKING_CREATE, "booking", null, "post"));
        assertThat(AuditedRequests.change("POST", "/api/v1/bookings/12/reschedule"))
                .isEqualTo(new AuditedRequests.Change(AuditAction.BOOKING_RESCHEDULE, "booking", "12", "reschedule"));
        assertThat(AuditedRequests.change("POST", "/api/v1/bookings/12/cancel").action())
                .isEqualTo(AuditAction.BOOKING_CANCEL);
        assertThat(AuditedRequests.change("POST", "/api/v1/bookings/12/check-in"))
                .isEqualTo(new AuditedRequests.Change(AuditAction.BOOKING_CHANGE, "booking", "12", "check-in"));
        assertThat(AuditedRequests.change("POST", "/api/v1/bookings/12/invitations/3/response").op())
                .isEqualTo("invitations/3/response");
    }

    @Test
    void supervisionAndUserChangesAreNamed() {
        assertThat(AuditedRequests.change("POST", "/api/bookings/5/instructions"))
                .isEqualTo(new AuditedRequests.Change(AuditAction.SUPERVISION_CHANGE, "booking", "5", "instructions"));
        assertThat(AuditedRequests.change("POST", "/api/v1/supervision/items/9/accept"))
                .isEqualTo(new AuditedRequests.Change(AuditAction.SUPERVISION_CHANGE, "supervision-item", "9", "accept"));
        assertThat(AuditedRequests.change("POST", "/api/supervision/orders").op()).isEqualTo("orders");
        assertThat(AuditedRequests.change("PUT", "/api/v1/me/email"))
                .isEqualTo(new AuditedRequests.Change(AuditAction.USER_CHANGE, "me", null, "email"));
        assertThat(AuditedRequests.change("POST", "/api/v1/users").action()).isEqualTo(AuditAction.USER_CREATE);
        assertThat(AuditedRequests.change("DELETE", "/api/v1/users/4").objectId()).isEqualTo("4");
    }

    @Test
    void aRoleChangeTheUsersFeatureAuditedIsNotAuditedAgainButARefusedOneIs() {
        AuditedRequests.Change role = AuditedRequests.change("PUT", "/api/v1/users/7/role");
        assertThat(role).isEqualTo(new AuditedRequests.Change(AuditAction.USER_ROLE, "user", "7", "role"));
        assertThat(AuditedRequests.auditedByTheFeature(role, 200)).isTrue();
        assertThat(AuditedRequests.auditedByTheFeature(role, 403)).isFalse();
        assertThat(AuditedRequests.auditedByTheFeature(role, 422)).isFalse();
        AuditedRequests.Change enabled = AuditedRequests.change("PUT", "/api/v1/users/7/enabled");
        assertThat(enabled.action()).isEqualTo(AuditAction.USER_ENABLE);
        assertThat(AuditedRequests.auditedByTheFeature(enabled, 200)).isTrue();
        assertThat(AuditedRequests.auditedByTheFeature(AuditedRequests.change("POST", "/api/v1/users"), 201))
                .isTrue();
        assertThat(AuditedRequests.auditedByTheFeature(AuditedRequests.change("PUT", "/api/v1/me/email"), 200))
                .as("the request-level entry is the only one").isFalse();
    }

    @Test
    void readsAndUnlistedPathsAreNotChanges() {
        assertThat(AuditedRequests.change("GET", "/api/v1/bookings/12")).isNull();
        assertThat(AuditedRequests.change("HEAD", "/api/v1/bookings")).isNull();
        assertThat(AuditedRequests.change("POST", "/api/v1/recordings/3/hold")).isNull();
        assertThat(AuditedRequests.change("POST", "/api/v1/bookingsX")).isNull();
    }

    @Test
    void theCreatedIdIsReadFromTheLocation() {
        assertThat(AuditedRequests.createdId("http://h/api/v1/bookings/77")).isEqualTo("77");
        assertThat(AuditedRequests.createdId(null)).isNull();
        assertThat(AuditedRequests.createdId("/api/v1/bookings/x")).isNull();
    }

    @Test
    void theOutcomeFollowsTheStatus() {
        assertThat(RequestAudit.outcome(201)).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(RequestAudit.outcome(302)).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(RequestAudit.outcome(401)).isEqualTo(AuditOutcome.DENIED);
        assertThat(RequestAudit.outcome(403)).isEqualTo(AuditOutcome.DENIED);
        assertThat(RequestAudit.outcome(404)).isEqualTo(AuditOutcome.FAILED);
        assertThat(RequestAudit.outcome(500)).isEqualTo(AuditOutcome.FAILED);
    }
}
