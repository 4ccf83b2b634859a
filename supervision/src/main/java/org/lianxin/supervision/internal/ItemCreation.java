package org.lianxin.supervision.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.Office;
import org.lianxin.supervision.HistoryKind;
import org.lianxin.supervision.ItemKind;
import org.lianxin.supervision.ItemState;
import org.lianxin.supervision.NoticeKind;
import org.lianxin.supervision.OrderMode;

/** Opens items of every kind the same way: numbered, with a CREATED entry, the unit told. In the caller's transaction. */
final class ItemCreation {
    private final ItemRows rows;
    private final Numbers numbers;
    private final Notifier notifier;
    private final Clock clock;

    ItemCreation(ItemRows rows, Numbers numbers, Notifier notifier, Clock clock) {
        this.rows = rows;
        this.numbers = numbers;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** What a new item is; its number, state and times are added here. */
    record Draft(ItemKind kind, CaseFile matter, Long instructionId, Long bookingId, Long relatedItemId, Office unit,
                 Office supervising, LocalDate acceptedOn, LocalDate deadline, boolean requiresReport, OrderMode mode,
                 String title, String requirements, String historyText) {
    }

    ItemRow open(Draft d, String actor) {
        Instant now = clock.instant();
        int year = Deadlines.day(now, d.unit().zone()).getYear();
        ItemRow row = new ItemRow(0, numbers.next(d.kind(), year), d.kind(), ItemState.PENDING_SIGN, d.matter().id(),
                d.matter().caseNumber(), d.matter().subject(), d.matter().category(), d.instructionId(), d.bookingId(),
                d.relatedItemId(), d.unit().id(), d.unit().path(), d.supervising().id(), d.supervising().path(), null,
                d.unit().zone(), d.acceptedOn(), d.deadline(), Deadlines.dueAt(d.deadline(), d.unit().zone()),
                d.requiresReport(), d.mode(), clip(d.title(), 500), d.requirements(), actor, now, 0);
        long id = rows.insert(row);
        rows.history(id, now, HistoryKind.CREATED, actor, d.historyText());
        ItemRow saved = rows.find(id).orElseThrow();
        notifier.send(saved, NoticeKind.ASSIGNED, ItemWorkflow.Audience.UNIT, null);
        return saved;
    }

    static String clip(String text, int max) {
        if (text == null) return null;
        String t = text.strip();
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}
