package org.lianxin.web.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.web.config.LifecyclePhases;
import org.lianxin.web.config.Secrets;
import org.lianxin.web.config.TestClusterJobs;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;

class NotificationKeysTest {
    static final NotificationProperties.SessionReminder REMINDER =
            new NotificationProperties.SessionReminder(true, Duration.ofMinutes(15), Duration.ofMinutes(1));

    static NotificationProperties props(String channel, NotificationProperties.Mail mail) {
        return new NotificationProperties(channel, null, Duration.ofSeconds(30), 8, Duration.ofSeconds(30),
                Duration.ofMinutes(30), mail, REMINDER);
    }

    static NotificationProperties.Mail mail(String host, String security, String user, String password, String from) {
        return new NotificationProperties.Mail(host, 587, security, user, password, from, "连心", Duration.ofSeconds(10));
    }

    static List<String> problems(NotificationProperties p) {
        List<String> problems = new ArrayList<>();
        NotificationConfiguration.check(p, new Secrets(Path.of("/nonexistent"), false), problems);
        return problems;
    }

    @Test
    void theDefaultsAreTheLogChannelAndNeedNothingMore() {
        assertThat(problems(props("log", mail(null, "starttls", null, null, null)))).isEmpty();
    }

    @Test
    void theMailChannelNeedsAServerAndASenderAndEveryProblemIsListedAtOnce() {
        assertThat(problems(props("mail", mail(" ", "tls13", "notices", null, "not-an-address"))))
                .containsExactlyInAnyOrder(
                        "lianxin.notification.mail.host: required for channel mail",
                        "lianxin.notification.mail.from: not an e-mail address: not-an-address",
                        "lianxin.notification.mail.security: starttls, ssl or none, was tls13",
                        "lianxin.notification.mail.password: required with mail.username; set it through the"
                                + " environment (LIANXIN_NOTIFICATION_MAIL_PASSWORD), never in a file of the repository");
        assertThat(problems(props("pigeon", mail(null, "none", null, null, null))))
                .containsExactly("lianxin.notification.channel: log or mail, was pigeon");
        assertThat(problems(props("mail", mail("smtp.example.gov.cn", "ssl", "u", "p", "noreply@example.gov.cn"))))
                .isEmpty();
    }

    @Test
    void retriesAndRemindersMustMakeSense() {
        NotificationProperties p = new NotificationProperties("log", null, Duration.ofMillis(10), 8,
                Duration.ofMinutes(5), Duration.ofMinutes(1), mail(null, "none", null, null, null),
                new NotificationProperties.SessionReminder(true, Duration.ZERO, Duration.ofMinutes(1)));
        assertThat(problems(p)).containsExactlyInAnyOrder(
                "lianxin.notification.poll-interval: at least 1s, was PT0.01S",
                "lianxin.notification.retry-max: must not be below retry-min (PT5M), was PT1M",
                "lianxin.notification.session-reminder.before: must be positive, was PT0S");
    }

    @Test
    void theSmtpPasswordIsNeverPrinted() {
        NotificationProperties p = props("mail", mail("smtp.example.gov.cn", "starttls", "notices", "s3cret-Pa55",
                "noreply@example.gov.cn"));
        assertThat(p.toString()).doesNotContain("s3cret-Pa55").contains("password ***");
    }

    @Test
    void theDispatcherStartsFirstAndStopsLastTheReminderSweepTheOtherWayRound() {
        assertThat(new NotificationLifecycle(null).getPhase()).isEqualTo(LifecyclePhases.NOTIFICATIONS);
        assertThat(new SessionReminders(null, null, null, null, null, REMINDER, null,
                TestClusterJobs.alone()).getPhase())
                .isEqualTo(LifecyclePhases.SESSION_REMINDERS);
        assertThat(LifecyclePhases.NOTIFICATIONS).isLessThan(LifecyclePhases.RECORDING)
                .isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024);
        assertThat(LifecyclePhases.SESSION_REMINDERS).isGreaterThanOrEqualTo(LifecyclePhases.INTERRUPTED_SESSIONS);
    }
}
