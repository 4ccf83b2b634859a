package org.lianxin.web.config;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import org.lianxin.scheduler.Availability;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.CalendarFeed;
import org.lianxin.scheduler.CasePersonalData;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.ScheduleOutbox;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.scheduler.Terminals;
import org.lianxin.scheduler.crypto.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the scheduler module over the application's database and exposes its services as beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
public class SchedulerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The scheduler's identity key: configured, else generated into the data folder (never in prod). */
    static final Secrets.Base64Key IDENTITY_KEY = new Secrets.Base64Key("lianxin.scheduler.identity-key",
            "LIANXIN_SCHEDULER_IDENTITYKEY", "identity.key", 16, "never in the repository");

    /** The scheduler's keys for the start-up check ({@link ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<SchedulerProperties> schedulerKeys() {
        return new CheckedProperties<>("lianxin.scheduler", SchedulerProperties.class, SchedulerConfiguration::check);
    }

    static void check(SchedulerProperties props, Secrets secrets, List<String> problems) {
        if (props.defaultZone() != null) {
            try {
                ZoneId.of(props.defaultZone());
            } catch (DateTimeException e) {
                problems.add("lianxin.scheduler.default-zone: unknown time zone '" + props.defaultZone() + "'");
            }
        }
        if (props.horizon() != null && (props.horizon().isNegative() || props.horizon().isZero())) {
            problems.add("lianxin.scheduler.horizon: must be positive, was " + props.horizon());
        }
        if (props.checkInOpensBefore() != null && props.checkInOpensBefore().isNegative()) {
            problems.add("lianxin.scheduler.check-in-opens-before: must not be negative, was "
                    + props.checkInOpensBefore());
        }
        secrets.check(IDENTITY_KEY, props.identityKey(), problems);
    }

    @Bean
    SchedulerSettings schedulerSettings(SchedulerProperties props, LianxinProperties app, Environment env) {
        Secrets secrets = Secrets.of(app, env);
        schedulerKeys().requireValid(props, secrets); // checked at start-up already; here for a factory used alone
        byte[] key = secrets.base64Key(IDENTITY_KEY, props.identityKey());
        ZoneId zone = ZoneId.of(props.defaultZone());
        SchedulerSettings settings = new SchedulerSettings(props.horizon(), zone, key, props.checkInOpensBefore());
        log.info("scheduler: horizon {} days, default zone {}, check-in opens {} min before", props.horizon().toDays(),
                zone, props.checkInOpensBefore().toMinutes());
        return settings;
    }

    /**
     * The scheduler; what it tells after commit (a booking cancelled or marked no-show, a consultation ended — by
     * any path) is republished as an application event ({@code ScheduleEvent.BookingClosed},
     * {@code ScheduleEvent.ConsultationEnded}, {@code ScheduleEvent.SessionStarted}) for the features that follow it, e.g. the
     * live rooms and supervision's escalation of a problem raised twice. Inside the change's transaction each event
     * goes to the {@link ScheduleOutbox} bean, if there is one (the webhooks' outbox), found when the event comes.
     */
    @Bean
    Scheduler scheduler(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                        SchedulerSettings settings, ApplicationEventPublisher events,
                        ObjectProvider<ScheduleOutbox> outbox, PersonalDataCipher personalData) {
        return Scheduler.create(dataSource, transactions, clock, settings, event -> events.publishEvent(event),
                event -> outbox.ifAvailable(o -> o.record(event)), personalData);
    }

    @Bean
    CasePersonalData casePersonalData(Scheduler s) {
        return s.personalData();
    }

    @Bean
    Offices offices(Scheduler s) {
        return s.offices();
    }

    @Bean
    Officials officials(Scheduler s) {
        return s.officials();
    }

    @Bean
    Terminals terminals(Scheduler s) {
        return s.terminals();
    }

    @Bean
    Cases cases(Scheduler s) {
        return s.cases();
    }

    @Bean
    Bookings bookings(Scheduler s) {
        return s.bookings();
    }

    @Bean
    Availability availability(Scheduler s) {
        return s.availability();
    }

    @Bean
    CalendarFeed calendarFeed(Scheduler s) {
        return s.calendarFeed();
    }

    @Bean
    Consultations consultations(Scheduler s) {
        return s.consultations();
    }
}
