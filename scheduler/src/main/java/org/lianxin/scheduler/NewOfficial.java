package org.lianxin.scheduler;

import java.util.List;

/** An official to create with the calendar settings; null numbers take the defaults (30 min slot, 10 min buffer, 8 a day). */
public record NewOfficial(long officeId, String name, String title, OfficialKind kind, Integer slotMinutes,
                          Integer bufferMinutes, Integer maxSessionsPerDay, List<WeeklyWindow> windows) {
}
