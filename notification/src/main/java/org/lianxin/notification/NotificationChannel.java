package org.lianxin.notification;

/**
 * Where notices go out: the log ({@code log.LogChannel}, the default) or e-mail ({@code mail.MailChannel}). Called by
 * one dispatcher thread at a time per node, inside the transaction that holds the notice's row.
 */
public interface NotificationChannel {

    /** A short name for logs and the feature line, e.g. {@code log} or {@code mail smtp.example.org:587}. */
    String describe();

    /**
     * Sends the notice to every addressee the channel can reach. Returning normally means done (also when nobody
     * could be reached: that is logged, not retried).
     *
     * @throws DeliveryFailure if it should be tried again later
     */
    void send(Delivery delivery) throws DeliveryFailure;
}
