package org.lianxin.scheduler;

import java.time.Instant;
import java.util.List;

/**
 * Reception bookings. A booking never overlaps, buffers included, another active booking of its official, its
 * terminal or its invitees: guaranteed under concurrency by row locks taken in one transaction.
 */
public interface Bookings {
    Booking book(Actor actor, NewBooking booking);

    Booking get(Actor actor, long bookingId);

    Booking byCode(Actor actor, String code);

    List<Booking> list(Actor actor, BookingQuery query);

    /** The booking's history, oldest first. */
    List<BookingEvent> history(Actor actor, long bookingId);

    /** Moves the booking (optionally to another terminal); same rules as a new booking; history keeps the old time. */
    Booking reschedule(Actor actor, long bookingId, Instant newStart, Long newTerminalId);

    /** Told as {@link ScheduleEvent.BookingClosed} after commit. */
    Booking cancel(Actor actor, long bookingId, String reason);

    /** Told as {@link ScheduleEvent.BookingClosed} after commit. */
    Booking noShow(Actor actor, long bookingId);

    /** County staff confirm the petitioner at the terminal: the ID number must match the case's. */
    Booking checkIn(Actor actor, long bookingId, String idNumber);

    /** The host admitted the petitioner: IN_SESSION. Told as {@link ScheduleEvent.SessionStarted} after commit. */
    Booking startSession(Actor actor, long bookingId);

    Booking complete(Actor actor, long bookingId);

    /**
     * Ends a session that was cut off and that nobody continued: IN_SESSION → INTERRUPTED, {@code reason} in the
     * history. Only once the session's time is over ({@code session-not-over} before); by the host, or staff and
     * administrators of the terminal's office. Told as {@link ScheduleEvent.BookingClosed} after commit.
     */
    Booking interrupt(Actor actor, long bookingId, String reason);

    /** Invite a department official to a joint reception; the official's calendar is checked. */
    Booking invite(Actor actor, long bookingId, long officialId);

    Booking respond(Actor actor, long bookingId, long officialId, boolean accept);

    /** The petitioner's satisfaction (1–5 and a comment) after a completed session. */
    Booking evaluate(Actor actor, long bookingId, int score, String comment);
}
