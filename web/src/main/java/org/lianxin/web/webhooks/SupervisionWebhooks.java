package org.lianxin.web.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lianxin.supervision.SupervisionNotice;
import org.lianxin.supervision.SupervisionNotices;
import org.lianxin.webhooks.EventType;
import org.lianxin.webhooks.WebhookEvent;
import org.lianxin.webhooks.Webhooks;

/**
 * Supervision's events out: supervision tells its notices inside the transaction of the change (an item assigned,
 * replied to, accepted, overdue, escalated), so this — the application's {@link SupervisionNotices} — queues the webhook in that
 * same transaction and hands the notice on to staff (the mail of {@code web.supervision}). Other notice kinds
 * (reminders, extensions, returns for redo) are internal to the offices and not sent out.
 */
final class SupervisionWebhooks implements SupervisionNotices {
    private final SupervisionNotices staff;
    private final Webhooks webhooks;
    private final OfficeLineage lineage;
    private final Clock clock;

    SupervisionWebhooks(SupervisionNotices staff, Webhooks webhooks, OfficeLineage lineage, Clock clock) {
        this.staff = staff;
        this.webhooks = webhooks;
        this.lineage = lineage;
        this.clock = clock;
    }

    @Override
    public void send(SupervisionNotice notice) {
        staff.send(notice);
        EventType type = typeOf(notice.kind());
        if (type == null || notice.recipientOfficeIds().isEmpty()) {
            return;
        }
        var now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("itemId", notice.itemId());
        data.put("itemNumber", notice.itemNumber());
        data.put("caseNumber", notice.caseNumber());
        data.put("officeIds", notice.recipientOfficeIds());
        data.put("deadline", notice.deadline() == null ? null : notice.deadline().toString());
        webhooks.emit(new WebhookEvent(type, notice.caseNumber() == null ? null : "case:" + notice.caseNumber(),
                lineage.of(notice.recipientOfficeIds().get(0)), now,
                type.wireName() + ":" + notice.itemId() + ":" + now.toEpochMilli(), data));
    }

    static EventType typeOf(org.lianxin.supervision.NoticeKind kind) {
        switch (kind) {
            case ASSIGNED:
                return EventType.SUPERVISION_OPENED;
            case REPLIED:
                return EventType.SUPERVISION_REPLIED;
            case ACCEPTED:
                return EventType.SUPERVISION_ACCEPTED;
            case OVERDUE:
                return EventType.SUPERVISION_OVERDUE;
            case ESCALATED:
                return EventType.SUPERVISION_ESCALATED;
            default:
                return null;
        }
    }
}
