package org.lianxin.notification.mail;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The SMTP server the e-mail channel sends through.
 *
 * @param host     the SMTP server
 * @param port     its port (587 with STARTTLS, 465 with SSL, 25 plain)
 * @param security how the connection is protected
 * @param username the SMTP login, or null for none
 * @param password its password (a secret: never in {@link #toString()})
 * @param from     the sender address
 * @param fromName the sender's name, e.g. 连心信访视频接访系统
 * @param timeout  connecting, reading and writing each give up after this
 */
public record MailSettings(String host, int port, Security security, String username, String password, String from,
                           String fromName, Duration timeout) {

    /** How the SMTP connection is protected. */
    public enum Security {
        /** plain SMTP (a relay on the local network or in tests) */
        NONE,
        /** STARTTLS, required: the send fails rather than go out in clear */
        STARTTLS,
        /** SMTP over TLS from the first byte (SMTPS) */
        SSL;

        public static Security parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() { // never print the password
        return "MailSettings[" + host + ":" + port + ", " + security + ", user " + (username == null ? "none" : username)
                + ", password " + (password == null ? "none" : "***") + ", from " + from + "]";
    }
}
