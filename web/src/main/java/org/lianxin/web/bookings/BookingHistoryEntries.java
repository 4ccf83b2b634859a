package org.lianxin.web.bookings;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingEvent;

/**
 * A booking's history as facts a page can put into sentences of its language, with names: who did it (the user's
 * name, or the system), and what the scheduler's note says — the official and terminal booked and the time, the
 * times and terminals of a move, the invited official, the rating, the reason given. The scheduler writes its
 * notes in one form for its log and audit ("韩平 at 一号接访室, 2026-12-01 09:00–09:30", "from … at … to … at …",
 * "score 4"); the forms understood here become facts, any other note is kept as written ({@code note}).
 */
final class BookingHistoryEntries {
    private static final String SPAN = "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2})–((?:\\d{4}-\\d{2}-\\d{2} )?\\d{2}:\\d{2})";
    private static final Pattern BOOKED = Pattern.compile("(.+) at (.+), " + SPAN);
    private static final Pattern MOVED = Pattern.compile("from " + SPAN + " at (.+) to " + SPAN + " at (.+)");
    private static final Pattern SCORE = Pattern.compile("score ([1-5])");
    /** What the server writes when a session was cut off and nobody continued it (InterruptedSessions). */
    private static final String CUT_OFF = "the session was cut off";

    /**
     * One entry of a booking's history.
     *
     * @param actor      the username as recorded; {@code actorName} the user's name (null if unknown or the system)
     * @param bySystem   the system did it (a live room, the operator's import, the demo data)
     * @param detail     the note as recorded
     * @param official   BOOKED: the official booked; INVITED, ACCEPTED, DECLINED: the official invited
     * @param byOfficial ACCEPTED, DECLINED: the invited official answered (not someone for them)
     * @param terminal   BOOKED: the terminal; RESCHEDULED: the new terminal
     * @param start      BOOKED: the time booked; RESCHEDULED: the new time
     * @param fromStart  RESCHEDULED: the time before, at {@code fromTerminal}
     * @param score      EVALUATED: the petitioner's rating, 1–5; {@code comment} the comment, if any
     * @param reason     a reason code the page words (CUT_OFF: the session was cut off and nobody continued it)
     * @param note       what of the note is not understood as facts (a reason a person gave), as written
     */
    record Entry(Instant at, String kind, String actor, String actorName, boolean bySystem, String detail,
                 String official, String terminal, Instant start, Instant end, String fromTerminal,
                 Instant fromStart, Instant fromEnd, Integer score, String comment, String reason, String note,
                 boolean byOfficial) {
    }

    /** A user as the history names them: the display name, and the official's name if the user is one. */
    record User(String name, String officialName) {
    }

    private BookingHistoryEntries() {
    }

    static boolean isSystem(String username) {
        return username != null && (username.equals("system") || username.startsWith("system:"));
    }

    /**
     * The entries of booking {@code b}'s history; {@code users} gives a username's names (null if unknown),
     * {@code zone} the zone the scheduler wrote the booking's times in (its official's office).
     */
    static List<Entry> of(Booking b, List<BookingEvent> events, Function<String, User> users, ZoneId zone) {
        Map<String, User> known = new HashMap<>();
        Function<String, User> once = u -> known.computeIfAbsent(u, x -> {
            User found = users.apply(x);
            return found == null ? new User(null, null) : found;
        });
        return events.stream().map(e -> entry(b, e, once, zone)).toList();
    }

    static Entry entry(Booking b, BookingEvent e, Function<String, User> users, ZoneId zone) {
        boolean bySystem = isSystem(e.actor());
        User user = bySystem || e.actor() == null ? new User(null, null) : users.apply(e.actor());
        String actorName = user == null ? null : user.name();
        boolean byOfficial = false;
        String d = e.detail() == null || e.detail().isBlank() ? null : e.detail().trim();
        String official = null, terminal = null, fromTerminal = null, comment = null, reason = null, note = d;
        Instant start = null, end = null, fromStart = null, fromEnd = null;
        Integer score = null;
        Matcher m;
        switch (e.kind()) {
            case "BOOKED" -> {
                if (d != null && (m = BOOKED.matcher(d)).matches()) {
                    Instant[] span = span(m.group(3), m.group(4), zone);
                    if (span != null) {
                        official = m.group(1);
                        terminal = m.group(2);
                        start = span[0];
                        end = span[1];
                        note = null;
                    }
                }
            }
            case "RESCHEDULED" -> {
                if (d != null && (m = MOVED.matcher(d)).matches()) {
                    Instant[] from = span(m.group(1), m.group(2), zone);
                    Instant[] to = span(m.group(4), m.group(5), zone);
                    if (from != null && to != null) {
                        fromStart = from[0];
                        fromEnd = from[1];
                        fromTerminal = m.group(3);
                        start = to[0];
                        end = to[1];
                        terminal = m.group(6);
                        note = null;
                    }
                }
            }
            case "INVITED", "ACCEPTED", "DECLINED" -> {
                official = d;
                byOfficial = d != null && user != null && d.equals(user.officialName());
                note = null;
            }
            case "EVALUATED" -> {
                if (d != null && (m = SCORE.matcher(d)).matches()) {
                    score = Integer.valueOf(m.group(1));
                    note = null;
                }
                comment = b.satisfactionComment();
            }
            default -> {
                if (d != null && d.startsWith(CUT_OFF)) {
                    reason = "CUT_OFF";
                    note = null;
                }
            }
        }
        return new Entry(e.at(), e.kind(), e.actor(), actorName, bySystem, e.detail(), official, terminal, start, end,
                fromTerminal, fromStart, fromEnd, score, comment, reason, note, byOfficial);
    }

    /** "2026-12-01 09:00" and "09:30" (or "2026-12-02 00:15") in the zone; null if not in that form. */
    static Instant[] span(String from, String to, ZoneId zone) {
        try {
            LocalDateTime s = LocalDateTime.parse(from.replace(' ', 'T'));
            LocalDateTime e = to.length() > 5 ? LocalDateTime.parse(to.replace(' ', 'T'))
                    : LocalDateTime.of(s.toLocalDate(), LocalTime.parse(to));
            return new Instant[] {s.atZone(zone).toInstant(), e.atZone(zone).toInstant()};
        } catch (DateTimeParseException ex) {
            return null;
        }
    }
}
