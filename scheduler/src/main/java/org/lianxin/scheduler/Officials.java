package org.lianxin.scheduler;

import java.time.Instant;
import java.util.List;

/** Leaders and department officials, and their reception calendars. */
public interface Officials {
    /**
     * Any official, unscoped: for the server's own use (a participant's display name), never to answer a request
     * as it stands; requests go through {@link #get(Actor, long)}.
     */
    Official get(long id);

    /**
     * An official as the actor may see it: officials of the actor's subtree, of every office above it and of those
     * offices' departments (joint receptions name them); any other is out of jurisdiction.
     */
    Official get(Actor actor, long id);

    /** Officials of an office (and, if asked, of its whole subtree), as far as the actor may see. */
    List<Official> list(Actor actor, long officeId, boolean subtree);

    Official create(Actor actor, NewOfficial official);

    /**
     * The official's calendar, visible as {@link #get(Actor, long)}; the blocked periods' reasons only to the
     * official and to the offices whose subtree holds the official's office (others see when, never why).
     */
    ReceptionCalendar calendar(Actor actor, long officialId);

    ReceptionCalendar replaceWindows(Actor actor, long officialId, List<WeeklyWindow> windows);

    ReceptionCalendar updateSettings(Actor actor, long officialId, CalendarSettings settings);

    BlockedPeriod block(Actor actor, long officialId, Instant start, Instant end, String reason);

    void unblock(Actor actor, long officialId, long blockId);

    /** The secret token of the official's calendar feed (the official, or an admin of the office). */
    String calendarFeedToken(Actor actor, long officialId);

    /** A new token; the old feed URL stops working. */
    String rotateCalendarFeedToken(Actor actor, long officialId);
}
