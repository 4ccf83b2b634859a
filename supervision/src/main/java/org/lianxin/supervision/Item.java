package org.lianxin.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A supervision item (督办事项) as one user sees it.
 *
 * @param acceptedOn when the clock started, in the unit's office zone
 * @param deadline   the last day, in the unit's office zone (extended if an extension was approved)
 * @param dueAt      the end of the deadline day in that zone
 * @param overdue    deadline passed and not replied or completed (逾期)
 * @param escalatedTo the office above the supervising one once the item escalated for being overdue, else null
 * @param allowed    what the user who asked may do now
 */
public record Item(long id, String number, ItemKind kind, ItemState state, boolean overdue, long caseId,
                   String caseNumber, String caseSubject, String category, Long instructionId, Long bookingId,
                   OfficeRef unit, OfficeRef supervisingOffice, OfficeRef escalatedTo, LocalDate acceptedOn,
                   LocalDate deadline, Instant dueAt, boolean requiresReport, OrderMode mode, String title,
                   String requirements, Long relatedItemId, Extension extension, Reply reply,
                   List<HistoryEntry> history, List<Action> allowed, int version) {
    public Item {
        history = List.copyOf(history);
        allowed = List.copyOf(allowed);
    }
}
