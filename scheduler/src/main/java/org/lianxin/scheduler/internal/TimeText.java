package org.lianxin.scheduler.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.lianxin.scheduler.WeeklyWindow;

/** Times as the scheduler's messages tell them: "2026-12-01 10:00–10:30", "MON 09:00–12:00, …". */
final class TimeText {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

    private TimeText() {
    }

    /** [start, end) in {@code zone}; the end's date only if it falls on another day. */
    static String span(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime s = start.atZone(zone);
        ZonedDateTime e = end.atZone(zone);
        String endText = s.toLocalDate().equals(e.toLocalDate()) ? HM.format(e) : DAY.format(e) + " " + HM.format(e);
        return DAY.format(s) + " " + HM.format(s) + "–" + endText;
    }

    static String weeklyWindows(List<WeeklyWindow> windows) {
        if (windows.isEmpty()) return "none";
        StringBuilder sb = new StringBuilder();
        for (WeeklyWindow w : windows) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(w.day().toString(), 0, 3).append(' ').append(HM.format(w.start())).append('–')
                    .append(HM.format(w.end()));
        }
        return sb.toString();
    }
}
