package org.lianxin.notification;

import java.time.Instant;
import java.util.Objects;

/**
 * A notice to staff, queued with {@link Notifications#enqueue(Notice)} and sent by the dispatcher.
 *
 * @param kind      what it is about
 * @param recipient who it is for
 * @param subject   one line, at most {@value #MAX_SUBJECT} characters (Chinese first, English after)
 * @param body      plain text, at most {@value #MAX_BODY} characters; it may hold case numbers and names, so it is
 *                  never logged
 * @param dedupeKey the notice's identity, at most {@value #MAX_KEY} characters: a second notice with the same key is
 *                  never queued (e.g. {@code session-start:booking:42:2026-12-02T10:00:00Z:leader1}), whichever node
 *                  or restart tries it
 * @param notBefore not sent before this instant, or null: as soon as possible
 */
public record Notice(NoticeKind kind, Recipient recipient, String subject, String body, String dedupeKey,
                     Instant notBefore) {
    public static final int MAX_SUBJECT = 300;
    public static final int MAX_BODY = 8000;
    public static final int MAX_KEY = 200;

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        if (subject.isBlank() || subject.length() > MAX_SUBJECT || subject.contains("\n") || subject.contains("\r")) {
            throw new IllegalArgumentException("subject: one line of 1.." + MAX_SUBJECT + " characters");
        }
        if (body.length() > MAX_BODY) {
            throw new IllegalArgumentException("body: at most " + MAX_BODY + " characters, has " + body.length());
        }
        if (dedupeKey.isBlank() || dedupeKey.length() > MAX_KEY) {
            throw new IllegalArgumentException("dedupeKey: 1.." + MAX_KEY + " characters");
        }
    }

    /** A notice to send as soon as possible. */
    public static Notice of(NoticeKind kind, Recipient recipient, String subject, String body, String dedupeKey) {
        return new Notice(kind, recipient, subject, body, dedupeKey, null);
    }

    /** This notice, held until {@code instant}. */
    public Notice notBefore(Instant instant) {
        return new Notice(kind, recipient, subject, body, dedupeKey, instant);
    }

    /** Never the body: it may carry personal data. */
    @Override
    public String toString() {
        return "Notice[" + kind + " to " + recipient.encode() + ", key " + dedupeKey + "]";
    }
}
