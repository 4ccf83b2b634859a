package org.lianxin.scheduler;

import java.time.Instant;

/** One entry of a booking's history: BOOKED, RESCHEDULED, INVITED, ACCEPTED, DECLINED, CHECKED_IN, … */
public record BookingEvent(Instant at, String kind, String actor, String detail) {
}
