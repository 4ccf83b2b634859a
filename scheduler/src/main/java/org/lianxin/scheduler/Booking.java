package org.lianxin.scheduler;

import java.time.Instant;
import java.util.List;

/**
 * A reception session of an official for a case at a terminal.
 *
 * @param code short code the terminal uses to find the session
 */
public record Booking(long id, String code, long caseId, String caseNumber, long officialId, String officialName,
                      long terminalId, String terminalName, long terminalOfficeId, Instant start, Instant end,
                      BookingState state, String cancelReason, Integer satisfactionScore,
                      String satisfactionComment, List<Invitation> invitations, int version) {
}
