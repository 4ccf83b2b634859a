package org.lianxin.webhooks.internal;

import org.lianxin.notification.Notice;
import org.lianxin.notification.NoticeKind;
import org.lianxin.notification.Notifications;
import org.lianxin.notification.Recipient;
import org.lianxin.scheduler.Role;

/**
 * Tells the administrators of an endpoint's office that a delivery was given up on, or that the endpoint turned
 * itself off (410 Gone): a notice queued in the transaction that records it. No event data in it: only ids.
 */
final class FailureAlerts {
    private final Notifications notifications;

    FailureAlerts(Notifications notifications) {
        this.notifications = notifications;
    }

    void gaveUp(long officeId, long endpointId, String host, DeliveryRows.Claimed c, int attempts, String reason) {
        notifications.enqueue(Notice.of(NoticeKind.GENERAL, Recipient.officeStaff(officeId, Role.ADMIN),
                "Webhook 投递失败 / Webhook delivery failed: " + host,
                "事件 " + c.eventType() + "（" + c.msgId() + "）经 " + attempts + " 次尝试仍未送达端点 #" + endpointId
                        + "（" + host + "），已停止重试。请在“Webhook 端点”页面查看投递记录并重新发送。\n"
                        + "原因：" + reason + "\n\n"
                        + "Event " + c.eventType() + " (" + c.msgId() + ") was not delivered to endpoint #" + endpointId
                        + " (" + host + ") after " + attempts + " attempts and is no longer retried. See the delivery"
                        + " log on the Webhook endpoints page and re-send it.\nReason: " + reason,
                "webhook-failed:" + c.id() + ":" + attempts));
    }

    void disabled(long officeId, long endpointId, String host, DeliveryRows.Claimed c, int attempts) {
        notifications.enqueue(Notice.of(NoticeKind.GENERAL, Recipient.officeStaff(officeId, Role.ADMIN),
                "Webhook 端点已停用 / Webhook endpoint turned off: " + host,
                "端点 #" + endpointId + "（" + host + "）对事件 " + c.msgId() + " 答复 410 Gone，表示不再接收，已自动停用。"
                        + "其后的事件保留在队列中，重新启用后按顺序发送。\n\n"
                        + "Endpoint #" + endpointId + " (" + host + ") answered 410 Gone to " + c.msgId()
                        + ": it wants no more deliveries and was turned off. Later events wait in the queue and go"
                        + " out in order once it is turned on again.",
                "webhook-disabled:" + endpointId + ":" + c.id() + ":" + attempts));
    }
}
