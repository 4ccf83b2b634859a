package org.lianxin.scheduler;

import java.time.Instant;
import java.util.List;

/** Book {@code officialId} at {@code terminalId} for {@code caseId} from {@code start}, inviting department officials. */
public record NewBooking(long officialId, long terminalId, long caseId, Instant start, List<Long> inviteeIds) {
    public NewBooking {
        inviteeIds = inviteeIds == null ? List.of() : List.copyOf(inviteeIds);
    }
}
