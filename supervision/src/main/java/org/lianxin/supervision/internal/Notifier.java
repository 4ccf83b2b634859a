package org.lianxin.supervision.internal;

import java.util.ArrayList;
import java.util.List;
import org.lianxin.supervision.NoticeKind;
import org.lianxin.supervision.SupervisionNotice;
import org.lianxin.supervision.SupervisionNotices;

/** Addresses the workflow's notices to offices and hands them to the port, inside the caller's transaction. */
final class Notifier {
    private final SupervisionNotices port;

    Notifier(SupervisionNotices port) {
        this.port = port;
    }

    void send(ItemRow item, ItemWorkflow.Notify notify, String text) {
        send(item, notify.kind(), notify.audience(), text);
    }

    void send(ItemRow item, NoticeKind kind, ItemWorkflow.Audience audience, String text) {
        List<Long> to = new ArrayList<>();
        if (audience == ItemWorkflow.Audience.UNIT) {
            to.add(item.unitId());
        } else {
            to.add(item.supervisingId());
            if (item.escalatedToId() != null) to.add(item.escalatedToId());
        }
        port.send(new SupervisionNotice(kind, item.id(), item.number(), item.caseNumber(), to, item.deadline(),
                item.dueAt(), text));
    }

    /** To several offices at once (an escalation tells the unit, the supervising office and the office above). */
    void send(ItemRow item, NoticeKind kind, List<Long> offices, String text) {
        port.send(new SupervisionNotice(kind, item.id(), item.number(), item.caseNumber(), offices, item.deadline(),
                item.dueAt(), text));
    }
}
