package org.lianxin.web.bookings;

import org.lianxin.scheduler.BookingState;

/**
 * Published after a booking was closed through the API before its session ran to its end
 * (cancelled or marked no-show): its live room, if open, ends.
 */
public record BookingClosed(long bookingId, BookingState state) {
}
