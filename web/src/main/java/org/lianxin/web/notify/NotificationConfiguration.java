package org.lianxin.web.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.lianxin.backoff.Backoff;
import org.lianxin.notification.NotificationChannel;
import org.lianxin.notification.NotificationModule;
import org.lianxin.notification.NotificationSettings;
import org.lianxin.notification.Notifications;
import org.lianxin.notification.log.LogChannel;
import org.lianxin.notification.mail.MailChannel;
import org.lianxin.notification.mail.MailSettings;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.web.config.CheckedProperties;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.Secrets;
import org.lianxin.web.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Notification wiring: the outbox over the application's database (so a feature's change and its notice commit
 * together), the directory of {@code app_user}, the channel ({@code lianxin.notification.channel}: log or mail), the
 * dispatcher's lifecycle and the session reminders. Features queue notices through the {@link Notifications} bean.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationConfiguration {
    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);
    static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"]+@[^\\s@<>\"]+\\.[^\\s@<>\"]+");

    /** The notification keys for the start-up check ({@code config.ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<NotificationProperties> notificationKeys() {
        return new CheckedProperties<>("lianxin.notification", NotificationProperties.class,
                NotificationConfiguration::check);
    }

    static void check(NotificationProperties p, Secrets secrets, List<String> problems) {
        String channel = p.channel() == null ? null : p.channel().trim().toLowerCase(Locale.ROOT);
        if (channel != null && !channel.isEmpty() && !channel.equals("log") && !channel.equals("mail")) {
            problems.add("lianxin.notification.channel: log or mail, was " + p.channel());
        }
        if (p.pollInterval() != null && p.pollInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("lianxin.notification.poll-interval: at least 1s, was " + p.pollInterval());
        }
        if (p.retryMin() != null && (p.retryMin().isNegative() || p.retryMin().isZero())) {
            problems.add("lianxin.notification.retry-min: must be positive, was " + p.retryMin());
        } else if (p.retryMin() != null && p.retryMax() != null && p.retryMax().compareTo(p.retryMin()) < 0) {
            problems.add("lianxin.notification.retry-max: must not be below retry-min (" + p.retryMin() + "), was "
                    + p.retryMax());
        }
        NotificationProperties.SessionReminder r = p.sessionReminder();
        if (r != null && r.before() != null && (r.before().isNegative() || r.before().isZero())) {
            problems.add("lianxin.notification.session-reminder.before: must be positive, was " + r.before());
        }
        if (r != null && r.sweepInterval() != null && r.sweepInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("lianxin.notification.session-reminder.sweep-interval: at least 1s, was " + r.sweepInterval());
        }
        NotificationProperties.Mail m = p.mail();
        if (m == null) {
            return;
        }
        if ("mail".equals(channel)) {
            if (blank(m.host())) {
                problems.add("lianxin.notification.mail.host: required for channel mail");
            }
            if (blank(m.from())) {
                problems.add("lianxin.notification.mail.from: required for channel mail");
            }
        }
        if (!blank(m.from()) && !EMAIL.matcher(m.from().trim()).matches()) {
            problems.add("lianxin.notification.mail.from: not an e-mail address: " + m.from());
        }
        if (m.security() != null && !m.security().isBlank()) {
            try {
                MailSettings.Security.parse(m.security());
            } catch (IllegalArgumentException e) {
                problems.add("lianxin.notification.mail.security: starttls, ssl or none, was " + m.security());
            }
        }
        if (!blank(m.username()) && blank(m.password())) {
            problems.add("lianxin.notification.mail.password: required with mail.username; set it through the"
                    + " environment (LIANXIN_NOTIFICATION_MAIL_PASSWORD), never in a file of the repository");
        }
        if (blank(m.username()) && !blank(m.password())) {
            problems.add("lianxin.notification.mail.username: required with mail.password");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Bean
    AppUserDirectory notificationDirectory(JdbcClient jdbc) {
        return new AppUserDirectory(jdbc);
    }

    @Bean
    NotificationChannel notificationChannel(NotificationProperties p, Secrets secrets) {
        notificationKeys().requireValid(p, secrets); // checked at start-up already; here for a factory used alone
        NotificationChannel channel;
        if (p.channel().trim().equalsIgnoreCase("mail")) {
            NotificationProperties.Mail m = p.mail();
            channel = new MailChannel(new MailSettings(m.host().trim(), m.port(),
                    MailSettings.Security.parse(m.security()), blank(m.username()) ? null : m.username(),
                    m.password(), m.from().trim(), m.fromName(), m.timeout()));
        } else {
            channel = new LogChannel();
        }
        log.info("notifications: {} (lianxin.notification.channel); session reminders: {}"
                        + " (lianxin.notification.session-reminder.enabled)", channel.describe(),
                p.sessionReminder().enabled() ? "on, " + p.sessionReminder().before() + " before the start" : "off");
        return channel;
    }

    @Bean
    NotificationModule notificationModule(DataSource dataSource, PlatformTransactionManager transactions,
                                          AppUserDirectory directory, NotificationChannel channel, Clock clock,
                                          NotificationProperties p) {
        String node = blank(p.node()) ? hostName() : p.node();
        return NotificationModule.create(dataSource, transactions, directory, channel, clock,
                new NotificationSettings(p.maxAttempts(), new Backoff(p.retryMin(), p.retryMax()), p.pollInterval(),
                        node));
    }

    @Bean
    Notifications notifications(NotificationModule module) {
        return module.notifications();
    }

    @Bean
    NotificationLifecycle notificationLifecycle(NotificationModule module) {
        return new NotificationLifecycle(module.dispatcher());
    }

    @Bean
    SessionReminders sessionReminders(Scheduler scheduler, SystemActor system, AppUserDirectory directory, Notifications notifications,
                                      NotificationProperties p, Clock clock, ClusterJobs jobs) {
        return new SessionReminders(scheduler.bookings(), scheduler.offices(), system::find, directory, notifications,
                p.sessionReminder(), clock, jobs);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "local";
        }
    }
}
