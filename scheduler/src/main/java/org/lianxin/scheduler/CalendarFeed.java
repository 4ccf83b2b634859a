package org.lianxin.scheduler;

/** An official's sessions as an iCalendar (RFC 5545) document, reached by a secret token; times in UTC. */
public interface CalendarFeed {
    /** @throws NotFound if the token is unknown */
    String ics(String token);
}
