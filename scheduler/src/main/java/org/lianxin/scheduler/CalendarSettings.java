package org.lianxin.scheduler;

/** New slot length, buffer and daily maximum of an official. */
public record CalendarSettings(int slotMinutes, int bufferMinutes, int maxSessionsPerDay) {
}
