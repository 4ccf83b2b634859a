package org.lianxin.scheduler;

/** A department official invited to a joint reception. PENDING and ACCEPTED both hold the official's time. */
public record Invitation(long officialId, String officialName, long officeId, InvitationState state) {
}
