package org.lianxin.web.consultation;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.lianxin.notification.Notice;
import org.lianxin.notification.NoticeKind;
import org.lianxin.notification.Notifications;
import org.lianxin.notification.Recipient;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.Offices;
import org.lianxin.web.security.UserAccounts;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An invitation to a consultation and the notice that tells the invited official's users of it, in one transaction:
 * a consultation runs from the moment its host opens it, so the invitation is when it is "about to start" for the
 * invitee. One notice per consultation, official and user (the dedupe key), whatever is retried.
 */
@Component
class ConsultationInvitations {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final Consultations consultations;
    private final Offices offices;
    private final UserAccounts users;
    private final Notifications notifications;
    private final TransactionTemplate tx;

    ConsultationInvitations(Consultations consultations, Offices offices, UserAccounts users,
                            Notifications notifications, PlatformTransactionManager transactions) {
        this.consultations = consultations;
        this.offices = offices;
        this.users = users;
        this.notifications = notifications;
        this.tx = new TransactionTemplate(transactions);
    }

    Consultation invite(Actor actor, long consultationId, long officialId) {
        return tx.execute(s -> {
            Consultation c = consultations.invite(actor, consultationId, officialId);
            ZoneId zone = offices.get(c.hostOfficeId()).zone();
            for (String username : users.usernamesOfOfficial(officialId)) {
                notifications.enqueue(notice(c, officialId, username, zone));
            }
            return c;
        });
    }

    static Notice notice(Consultation c, long officialId, String username, ZoneId zone) {
        String since = TIME.format(c.startsAt().atZone(zone));
        String subject = "【连心】远程会商邀请：" + c.title() + " / Invitation to a remote consultation: " + c.title();
        if (subject.length() > Notice.MAX_SUBJECT) {
            subject = subject.substring(0, Notice.MAX_SUBJECT - 1) + "…";
        }
        String body = "您好：\n"
                + c.hostName() + " 邀请您参加远程会商“" + c.title() + "”。会商已于 " + since + "（" + zone.getId()
                + "）开始，请登录连心系统，在“远程会商”中进入。\n\n"
                + "Hello,\n"
                + c.hostName() + " invites you to the remote consultation \"" + c.title() + "\". It has been open since "
                + since + " (" + zone.getId() + "); sign in to Lianxin and join it under Remote consultations.\n";
        return Notice.of(NoticeKind.SESSION_STARTING, Recipient.user(username), subject.replace('\n', ' '), body,
                "consultation-invite:" + c.id() + ":" + officialId + ":" + username);
    }
}
