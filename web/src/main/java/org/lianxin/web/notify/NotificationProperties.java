package org.lianxin.web.notify;

import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.notification}.
 *
 * @param channel         where notices go: {@code log} (default: one line per notice, user names only) or {@code mail}
 * @param node            this node's name, recorded with each notice it sends (unset: the host name)
 * @param pollInterval    how often the outbox is looked at besides the wake-up after each queued notice (default 30s)
 * @param maxAttempts     attempts of one notice before it is kept as FAILED for an administrator (default 8)
 * @param retryMin        the pause after the first failed attempt, doubled after each further one (default 30s)
 * @param retryMax        the longest pause between attempts (default 30m; 8 attempts then span about 1 h 34 min)
 * @param mail            the SMTP server, for channel {@code mail}
 * @param sessionReminder the notice before a reception or consultation starts
 */
@ConfigurationProperties("lianxin.notification")
@Validated
public record NotificationProperties(
        @NotBlank @DefaultValue("log") String channel,
        String node,
        @NotNull @DefaultValue("30s") Duration pollInterval,
        @Min(1) @Max(100) @DefaultValue("8") int maxAttempts,
        @NotNull @DefaultValue("30s") Duration retryMin,
        @NotNull @DefaultValue("30m") Duration retryMax,
        @NotNull @DefaultValue Mail mail,
        @NotNull @DefaultValue SessionReminder sessionReminder) {

    /**
     * @param host     the SMTP server (required for channel mail)
     * @param port     its port (default 587)
     * @param security {@code starttls} (default, required), {@code ssl} (SMTPS, usually port 465) or {@code none}
     * @param username the SMTP login (unset: none)
     * @param password its password: a secret, from the environment (LIANXIN_NOTIFICATION_MAIL_PASSWORD), never a file
     *                 in the repository; never logged
     * @param from     the sender address (required for channel mail)
     * @param fromName the sender's name (default 连心信访视频接访系统)
     * @param timeout  connecting, reading and writing each give up after this (default 10s)
     */
    public record Mail(String host, @Min(1) @Max(65535) @DefaultValue("587") int port,
                       @NotBlank @DefaultValue("starttls") String security, String username, String password,
                       String from, @DefaultValue("连心信访视频接访系统") String fromName,
                       @NotNull @DefaultValue("10s") Duration timeout) {
        @Override
        public String toString() { // never print the password
            return "Mail[" + host + ":" + port + ", " + security + ", user " + (username == null ? "none" : username)
                    + ", password " + (password == null ? "none" : "***") + ", from " + from + "]";
        }
    }

    /**
     * @param enabled       send it (default true)
     * @param before        how long before the start (default 15m)
     * @param sweepInterval how often starting sessions are looked for (default 1m)
     */
    public record SessionReminder(@DefaultValue("true") boolean enabled,
                                  @NotNull @DefaultValue("15m") Duration before,
                                  @NotNull @DefaultValue("1m") Duration sweepInterval) {
    }
}
