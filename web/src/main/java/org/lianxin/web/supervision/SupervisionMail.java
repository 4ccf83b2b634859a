package org.lianxin.web.supervision;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Locale;

import org.lianxin.notification.Notice;
import org.lianxin.notification.Notifications;
import org.lianxin.notification.Recipient;
import org.lianxin.scheduler.Role;
import org.lianxin.supervision.NoticeKind;
import org.lianxin.supervision.SupervisionNotice;
import org.lianxin.supervision.SupervisionNotices;

/**
 * Supervision's notices to the staff of each office named, through the notification module's outbox: queued in the
 * transaction of the change, so a notice exists exactly when its change committed, and retried until it is sent.
 * Texts are Chinese first with English after and carry the item and case numbers, the deadline and the supervisor's
 * short note — never a petitioner's name or ID.
 *
 * <p>Dedupe keys: the sweep's own notices (deadline near without a note, overdue, escalated) are keyed by item, office
 * and deadline, so a reminder is queued once per deadline even if two nodes' sweeps raced; every other notice is one
 * act by a person and is keyed by the moment it was made as well.
 */
final class SupervisionMail implements SupervisionNotices {
    /** Everyone of an office who may act on or watch an item there (not its administrators). */
    private static final EnumSet<Role> STAFF = EnumSet.of(Role.SCHEDULER, Role.LEADER, Role.OFFICIAL, Role.REVIEWER);
    private static final DateTimeFormatter ZH_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);

    private final Notifications notifications;
    private final Clock clock;

    SupervisionMail(Notifications notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @Override
    public void send(SupervisionNotice n) {
        for (long officeId : n.recipientOfficeIds()) {
            Recipient to = new Recipient.OfficeStaff(officeId, STAFF);
            notifications.enqueue(Notice.of(kind(n.kind()), to, subject(n), body(n), key(n, officeId)));
        }
    }

    static org.lianxin.notification.NoticeKind kind(NoticeKind k) {
        switch (k) {
            case DEADLINE_NEAR:
                return org.lianxin.notification.NoticeKind.DEADLINE_NEAR;
            case OVERDUE:
                return org.lianxin.notification.NoticeKind.OVERDUE;
            case ESCALATED:
                return org.lianxin.notification.NoticeKind.ESCALATED;
            case RETURNED:
                return org.lianxin.notification.NoticeKind.RETURNED_FOR_REDO;
            default:
                return org.lianxin.notification.NoticeKind.GENERAL;
        }
    }

    String key(SupervisionNotice n, long officeId) {
        boolean sweepEffect = n.text() == null && (n.kind() == NoticeKind.DEADLINE_NEAR
                || n.kind() == NoticeKind.OVERDUE || n.kind() == NoticeKind.ESCALATED);
        String key = "supervision:" + n.kind() + ":" + n.itemId() + ":" + officeId + ":"
                + (n.dueAt() == null ? "-" : n.dueAt().toEpochMilli());
        return sweepEffect ? key : key + ":" + clock.instant().toEpochMilli();
    }

    static String subject(SupervisionNotice n) {
        String one = "【连心】督办事项 " + n.itemNumber() + " " + zh(n.kind()) + " / Item " + n.itemNumber() + " "
                + en(n.kind()) + " (case " + n.caseNumber() + ")";
        String line = one.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= Notice.MAX_SUBJECT ? line : line.substring(0, Notice.MAX_SUBJECT - 1) + "…";
    }

    static String body(SupervisionNotice n) {
        StringBuilder b = new StringBuilder("您好：\n督办事项 ").append(n.itemNumber()).append("（案件 ")
                .append(n.caseNumber()).append("）").append(zh(n.kind())).append("。\n");
        if (n.deadline() != null) b.append("办理期限：").append(ZH_DAY.format(n.deadline())).append("\n");
        if (n.text() != null && !n.text().isBlank()) b.append("说明：").append(n.text().strip()).append("\n");
        b.append("请登录连心系统查看并办理。\n\nHello,\nItem ").append(n.itemNumber()).append(" (case ")
                .append(n.caseNumber()).append(") ").append(en(n.kind())).append(".\n");
        if (n.deadline() != null) b.append("Deadline: ").append(n.deadline()).append("\n");
        if (n.text() != null && !n.text().isBlank()) b.append("Note: ").append(n.text().strip()).append("\n");
        b.append("Please sign in to Lianxin to see and handle it.\n");
        String body = b.toString();
        return body.length() <= Notice.MAX_BODY ? body : body.substring(0, Notice.MAX_BODY - 1) + "…";
    }

    static String zh(NoticeKind k) {
        switch (k) {
            case ASSIGNED: return "已交由贵单位办理";
            case DEADLINE_NEAR: return "临近办理期限（催办）";
            case OVERDUE: return "已逾期";
            case ESCALATED: return "已提级督办";
            case RETURNED: return "答复被退回，请重新办理";
            case EXTENSION_REQUESTED: return "申请延期，待审批";
            case EXTENSION_DECIDED: return "延期申请已审批";
            case REPLIED: return "已答复，待审核";
            case ACCEPTED: return "答复已通过审核，事项办结";
            default: return k.name();
        }
    }

    static String en(NoticeKind k) {
        switch (k) {
            case ASSIGNED: return "is assigned to your office";
            case DEADLINE_NEAR: return "is near its deadline (reminder)";
            case OVERDUE: return "is overdue";
            case ESCALATED: return "is escalated for supervision";
            case RETURNED: return "was returned for redo";
            case EXTENSION_REQUESTED: return "asks for an extension";
            case EXTENSION_DECIDED: return "has its extension decided";
            case REPLIED: return "has been replied to and awaits review";
            case ACCEPTED: return "was accepted and is completed";
            default: return k.name();
        }
    }
}
