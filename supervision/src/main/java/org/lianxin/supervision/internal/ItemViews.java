package org.lianxin.supervision.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.lianxin.scheduler.Actor;
import org.lianxin.supervision.Action;
import org.lianxin.supervision.Extension;
import org.lianxin.supervision.Item;

/** An item as one user sees it: the row, its history, extension and latest reply, and what the user may do. */
final class ItemViews {
    private final ItemRows rows;
    private final Directory directory;
    private final Clock clock;

    ItemViews(ItemRows rows, Directory directory, Clock clock) {
        this.rows = rows;
        this.directory = directory;
        this.clock = clock;
    }

    ItemWorkflow.State state(ItemRow r) {
        Extension e = rows.extension(r.id()).orElse(null);
        return new ItemWorkflow.State(r.state(), r.deadline(), r.zone(), r.requiresReport(),
                e == null ? null : e.state(), e == null ? 0 : e.days());
    }

    Item view(Actor actor, ItemRow r) {
        Instant now = clock.instant();
        Extension extension = rows.extension(r.id()).orElse(null);
        ItemWorkflow.State state = new ItemWorkflow.State(r.state(), r.deadline(), r.zone(), r.requiresReport(),
                extension == null ? null : extension.state(), extension == null ? 0 : extension.days());
        List<Action> allowed = actor == null ? List.of()
                : ItemWorkflow.allowed(state, directory.standing(actor, r), now);
        return new Item(r.id(), r.number(), r.kind(), r.state(), r.overdue(now), r.caseId(), r.caseNumber(),
                r.caseSubject(), r.category(), r.instructionId(), r.bookingId(), directory.ref(r.unitId()),
                directory.ref(r.supervisingId()), directory.ref(r.escalatedToId()), r.acceptedOn(), r.deadline(),
                r.dueAt(), r.requiresReport(), r.mode(), r.title(), r.requirements(), r.relatedItemId(), extension,
                rows.reply(r.id()).orElse(null), rows.history(r.id()), allowed, r.version());
    }
}
