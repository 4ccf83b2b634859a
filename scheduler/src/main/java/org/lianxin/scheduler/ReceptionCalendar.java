package org.lianxin.scheduler;

import java.util.List;

/** An official's reception calendar: weekly windows, blocks and the rules slots are made by. */
public record ReceptionCalendar(long officialId, String zone, int slotMinutes, int bufferMinutes,
                                int maxSessionsPerDay, List<WeeklyWindow> windows, List<BlockedPeriod> blocks) {
}
