package org.lianxin.supervision.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lianxin.supervision.ItemState;

/**
 * What the sweep does to one item (pure): the item, the marks already made and the time in, the effects out. Each
 * effect carries the marks it makes; a mark is made once per item (a unique key), so an effect happens once whichever
 * node sweeps. Only the nearest reminder point passed is sent (a sweep that was off for days does not send a pile),
 * the earlier ones are marked with it.
 */
final class SweepRules {
    static final String OVERDUE = "OVERDUE";
    static final String ESCALATED = "ESCALATED";

    private SweepRules() {
    }

    /** @param officeAbove the office above the supervising one, null at the top */
    record Subject(ItemState state, LocalDate deadline, ZoneId zone, Long officeAbove, Set<String> marks) {
    }

    sealed interface Effect {
        List<String> marks();
    }

    record Remind(int daysBefore, List<String> marks) implements Effect {
    }

    record MarkOverdue(List<String> marks) implements Effect {
    }

    record Escalate(long toOfficeId, List<String> marks) implements Effect {
    }

    static String remindMark(int daysBefore) {
        return "REMIND-" + daysBefore;
    }

    static List<Effect> decide(Subject item, Instant now, List<Integer> remindDaysBefore) {
        List<Effect> effects = new ArrayList<>();
        if (!item.state().open()) return effects;
        Instant due = Deadlines.dueAt(item.deadline(), item.zone());
        if (Deadlines.overdue(due, now)) {
            if (!item.marks().contains(OVERDUE)) effects.add(new MarkOverdue(List.of(OVERDUE)));
            if (item.officeAbove() != null && !item.marks().contains(ESCALATED)) {
                effects.add(new Escalate(item.officeAbove(), List.of(ESCALATED)));
            }
            return effects;
        }
        Deadlines.Reminder nearest = null;
        List<String> passed = new ArrayList<>();
        for (Deadlines.Reminder r : Deadlines.reminders(item.deadline(), item.zone(), remindDaysBefore)) {
            String mark = remindMark(r.daysBefore());
            if (r.at().isAfter(now) || item.marks().contains(mark)) continue;
            passed.add(mark);
            if (nearest == null || r.daysBefore() < nearest.daysBefore()) nearest = r;
        }
        if (nearest != null) effects.add(new Remind(nearest.daysBefore(), passed));
        return effects;
    }
}
