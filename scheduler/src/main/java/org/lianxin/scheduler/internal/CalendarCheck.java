package org.lianxin.scheduler.internal;

import java.time.ZoneId;
import java.util.List;
import org.lianxin.scheduler.BlockedPeriod;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.Terminal;

/**
 * The calendar rule, one for every way a session takes someone's time: a new or moved booking (its terminal, its
 * host and its invitees) and an official invited into an existing booking. The first conflict found is thrown, in
 * this order:
 * <ol>
 * <li>{@code terminal-busy}: another session of the terminal overlaps the slot, buffers included;</li>
 * <li>then for each official, the host first: {@code official-blocked} / {@code invitee-blocked}, a blocked period
 * overlaps the session; {@code official-busy} / {@code invitee-busy}, another engagement overlaps the slot, buffers
 * included; {@code daily-limit}, the official has the daily maximum of sessions on the day already.</li>
 * </ol>
 * Pure: calendars and the day in, a {@link Conflict} out. The caller reads the calendars
 * ({@link BusyTimes#calendars}): once without locks to refuse the obvious losers cheaply, then again under the
 * locks, where the answer is final.
 */
final class CalendarCheck {

    /** A terminal's sessions around the slot; times in messages are told in {@code zone}. */
    record TerminalCalendar(Terminal terminal, ZoneId zone, List<Busy> engagements) {
    }

    /**
     * An official's blocks and engagements around the slot; {@code host} names the rule ({@code official-…} or
     * {@code invitee-…}); times in messages are told in {@code zone}, the zone of the official's office.
     */
    record OfficialCalendar(Official official, boolean host, ZoneId zone, List<BlockedPeriod> blocks,
                            List<Busy> engagements) {
    }

    private CalendarCheck() {
    }

    /**
     * @param day           the day whose sessions count towards each official's daily maximum
     * @param bufferMinutes the host's buffer (part of the slot), named in the message of an overlap
     * @param terminal      the terminal's calendar, or null when no terminal is taken (an invitation)
     * @param officials     the host first (if checked), then the invitees
     */
    static void check(Slot slot, DayWindow day, int bufferMinutes, TerminalCalendar terminal,
                      List<OfficialCalendar> officials) {
        if (terminal != null) {
            for (Busy other : terminal.engagements()) {
                if (takes(other, slot)) {
                    throw new Conflict("terminal-busy", "terminal " + terminal.terminal().name() + " busy "
                            + TimeText.span(other.start(), other.end(), terminal.zone()),
                            Facts.of("terminal", terminal.terminal().name(), "start", other.start(), "end", other.end(),
                                    "zone", terminal.zone()));
                }
            }
        }
        for (OfficialCalendar c : officials) {
            Official f = c.official();
            for (BlockedPeriod b : c.blocks()) {
                if (blocks(b, slot)) {
                    throw new Conflict(c.host() ? "official-blocked" : "invitee-blocked", f.name()
                            + " is not available " + TimeText.span(b.start(), b.end(), c.zone())
                            + (b.reason() == null ? "" : " (" + b.reason() + ")"),
                            Facts.of("official", f.name(), "start", b.start(), "end", b.end(), "zone", c.zone()));
                }
            }
            for (Busy other : c.engagements()) {
                if (takes(other, slot)) {
                    throw new Conflict(c.host() ? "official-busy" : "invitee-busy", f.name() + " busy "
                            + TimeText.span(other.start(), other.end(), c.zone()) + " (with a " + bufferMinutes
                            + " min buffer)", Facts.of("official", f.name(), "start", other.start(), "end",
                            other.end(), "zone", c.zone(), "buffer", bufferMinutes));
                }
            }
            if (day.sessionsStarting(c.engagements()) >= f.maxSessionsPerDay()) {
                throw new Conflict("daily-limit", f.name() + " has " + f.maxSessionsPerDay() + " sessions on "
                        + day.day() + " already (the daily maximum)",
                        Facts.of("official", f.name(), "limit", f.maxSessionsPerDay(), "day", day.day()));
            }
        }
    }

    /**
     * The same rule as a yes/no answer for the free-slot search: no block and no engagement of the official or of
     * the terminal in the way (the search counts the daily maximum once per day, with {@link DayWindow}).
     */
    static boolean isFree(Slot slot, List<BlockedPeriod> blocks, List<Busy> engagements, List<Busy> terminal) {
        for (BlockedPeriod b : blocks) {
            if (blocks(b, slot)) return false;
        }
        for (Busy b : engagements) {
            if (takes(b, slot)) return false;
        }
        for (Busy b : terminal) {
            if (takes(b, slot)) return false;
        }
        return true;
    }

    /** A blocked period stands in the way of the session itself (the buffer may run into it). */
    private static boolean blocks(BlockedPeriod b, Slot slot) {
        return b.start().isBefore(slot.end()) && b.end().isAfter(slot.start());
    }

    /** Another engagement stands in the way if the two overlap with their buffers. */
    private static boolean takes(Busy other, Slot slot) {
        return other.overlaps(slot.start(), slot.busyUntil());
    }
}
