package org.lianxin.scheduler;

import java.time.Instant;
import java.util.List;

/** Leaders and department officials, and their reception calendars. */
public interface Officials {
    Official get(long id);

    /** Officials of an office (and, if asked, of its whole subtree), as far as the actor may see. */
    List<Official> list(Actor actor, long officeId, boolean subtree);

    Official create(Actor actor, NewOfficial official);

    ReceptionCalendar calendar(long officialId);

    ReceptionCalendar replaceWindows(Actor actor, long officialId, List<WeeklyWindow> windows);

    ReceptionCalendar updateSettings(Actor actor, long officialId, CalendarSettings settings);

    BlockedPeriod block(Actor actor, long officialId, Instant start, Instant end, String reason);

    void unblock(Actor actor, long officialId, long blockId);

    /** The secret token of the official's calendar feed (the official, or an admin of the office). */
    String calendarFeedToken(Actor actor, long officialId);

    /** A new token; the old feed URL stops working. */
    String rotateCalendarFeedToken(Actor actor, long officialId);
}
