package org.lianxin.web.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.lianxin.notification.Notice;
import org.lianxin.notification.NoticeKind;
import org.lianxin.notification.Recipient;
import org.lianxin.scheduler.Booking;

/**
 * The texts of "your session starts soon", Chinese first and English after: the time in the office's zone, the case
 * number and the terminal — never the petitioner's name or ID, which e-mail must not carry. Pure.
 */
final class SessionNotices {
    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINA);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("HH:mm 'on' d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private SessionNotices() {
    }

    /** The dedupe key: one notice per session, start time and person, whichever node or restart queues it. */
    static String key(String session, long id, Instant start, String username) {
        return "session-start:" + session + ":" + id + ":" + start.getEpochSecond() + ":" + username;
    }

    /**
     * @param host         true for the host leader, false for an official invited to the joint reception
     * @param terminalArea the name of the terminal's office, e.g. 锦江区
     */
    static Notice reception(Booking b, boolean host, String username, String terminalArea, ZoneId zone) {
        String time = TIME.format(b.start().atZone(zone));
        String subject = clip("【连心】视频接访 " + time + " 开始（案件 " + b.caseNumber() + "）/ Video reception at " + time
                + " (case " + b.caseNumber() + ")");
        String body = "您好：\n"
                + "您" + (host ? "主持" : "受邀参加（联合接访）") + "的视频接访将于 " + ZH_DATE.format(b.start().atZone(zone))
                + "（" + zone.getId() + "）开始。\n"
                + "案件编号：" + b.caseNumber() + "\n"
                + "接访终端：" + b.terminalName() + "（" + terminalArea + "）\n"
                + "请提前登录连心系统，在接访台进入会话。\n\n"
                + "Hello,\n"
                + "The video reception you " + (host ? "host" : "are invited to (joint reception)") + " starts at "
                + EN_DATE.format(b.start().atZone(zone)) + " (" + zone.getId() + ").\n"
                + "Case: " + b.caseNumber() + "\n"
                + "Terminal: " + b.terminalName() + " (" + terminalArea + ")\n"
                + "Please sign in to Lianxin and join from the console in time.\n";
        return Notice.of(NoticeKind.SESSION_STARTING, Recipient.user(username), subject, body,
                key("booking", b.id(), b.start(), username));
    }

    static String clip(String subject) {
        String oneLine = subject.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= Notice.MAX_SUBJECT ? oneLine : oneLine.substring(0, Notice.MAX_SUBJECT - 1) + "…";
    }
}
