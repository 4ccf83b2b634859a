package org.lianxin.scheduler;

/** A leader or department official with a reception calendar. */
public record Official(long id, long officeId, String name, String title, OfficialKind kind, int slotMinutes,
                       int bufferMinutes, int maxSessionsPerDay, boolean active) {
}
