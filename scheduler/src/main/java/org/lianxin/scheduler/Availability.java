package org.lianxin.scheduler;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Free-slot search over officials' calendars. Dates are in the official's office zone, both ends included. */
public interface Availability {
    /** Free slots of one official; with a terminal, only slots when that terminal is free too. */
    List<FreeSlot> freeSlots(Actor actor, long officialId, LocalDate from, LocalDate to, Long terminalId);

    /** Free slots of every active official of an office (not its subtree), keyed by official id. */
    Map<Long, List<FreeSlot>> freeSlotsOfOffice(Actor actor, long officeId, LocalDate from, LocalDate to);
}
