package org.lianxin.web.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.lianxin.scheduler.CalendarFeed;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Public iCalendar feeds of officials, reached by their secret token; times in UTC. */
@Tag(name = "Officials")
@RestController
class CalendarFeedController {
    static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=utf-8");
    private final CalendarFeed feed;

    CalendarFeedController(CalendarFeed feed) {
        this.feed = feed;
    }

    @Operation(summary = "Get an official's bookings as an iCalendar feed (public, by the feed's secret token)")
    @GetMapping("/calendar/{token}.ics")
    ResponseEntity<String> ics(@PathVariable String token) {
        return ResponseEntity.ok().contentType(TEXT_CALENDAR)
                .header("Cache-Control", "private, max-age=60")
                .body(feed.ics(token));
    }
}
