package org.lianxin.notification;

import java.util.List;
import java.util.Objects;

/**
 * One notice on its way out: what a {@link NotificationChannel} sends.
 *
 * @param id        the outbox row
 * @param kind      what it is about
 * @param recipient whom it was addressed to
 * @param to        the people that is now (may be empty)
 * @param subject   one line
 * @param body      plain text (never logged)
 */
public record Delivery(long id, NoticeKind kind, Recipient recipient, List<Addressee> to, String subject,
                       String body) {
    public Delivery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        to = List.copyOf(to);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /** The login names of {@link #to}, for logs. */
    public List<String> usernames() {
        return to.stream().map(Addressee::username).toList();
    }

    @Override
    public String toString() {
        return "Delivery[" + id + ", " + kind + " to " + recipient.encode() + " " + usernames() + "]";
    }
}
