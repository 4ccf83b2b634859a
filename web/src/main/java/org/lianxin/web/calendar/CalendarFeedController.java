package org.lianxin.web.calendar;

import org.lianxin.scheduler.CalendarFeed;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Public iCalendar feeds of officials, reached by their secret token; times in UTC. */
@RestController
class CalendarFeedController {
    static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=utf-8");
    private final CalendarFeed feed;

    CalendarFeedController(CalendarFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/calendar/{token}.ics")
    ResponseEntity<String> ics(@PathVariable String token) {
        return ResponseEntity.ok().contentType(TEXT_CALENDAR)
                .header("Cache-Control", "private, max-age=60")
                .body(feed.ics(token));
    }
}
