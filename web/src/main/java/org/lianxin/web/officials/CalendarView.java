package org.lianxin.web.officials;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.lianxin.scheduler.BlockedPeriod;
import org.lianxin.scheduler.ReceptionCalendar;
import org.lianxin.scheduler.WeeklyWindow;

/** An official's reception calendar; windows as day "TUESDAY", start "09:00", end "12:00" in {@code zone}. */
record CalendarView(long officialId, String zone, int slotMinutes, int bufferMinutes, int maxSessionsPerDay,
                    List<Window> windows, List<BlockedPeriod> blocks) {
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

    record Window(String day, String start, String end) {
        static Window of(WeeklyWindow w) {
            return new Window(w.day().name(), HM.format(w.start()), HM.format(w.end()));
        }
    }

    static CalendarView of(ReceptionCalendar c) {
        return new CalendarView(c.officialId(), c.zone(), c.slotMinutes(), c.bufferMinutes(), c.maxSessionsPerDay(),
                c.windows().stream().map(Window::of).toList(), c.blocks());
    }
}
