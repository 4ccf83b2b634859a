package org.lianxin.scheduler;

import java.time.Instant;

/** Filter for listing bookings; null fields do not filter. Results are limited to the actor's subtree. */
public record BookingQuery(Long officeId, Long officialId, Long terminalId, Long caseId, BookingState state,
                           Instant from, Instant to) {
    public static BookingQuery all() {
        return new BookingQuery(null, null, null, null, null, null, null);
    }
}
