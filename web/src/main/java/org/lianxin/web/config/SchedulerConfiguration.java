package org.lianxin.web.config;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.lianxin.scheduler.Availability;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.CalendarFeed;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.scheduler.Terminals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the scheduler module over the application's database and exposes its services as beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SchedulerProperties.class, LianxinProperties.class})
public class SchedulerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SchedulerSettings schedulerSettings(SchedulerProperties props, LianxinProperties app, Environment env) {
        List<String> errors = new ArrayList<>();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(props.defaultZone());
        } catch (DateTimeException e) {
            errors.add("lianxin.scheduler.default-zone: unknown time zone '" + props.defaultZone() + "'");
        }
        if (props.horizon().isNegative() || props.horizon().isZero()) {
            errors.add("lianxin.scheduler.horizon: must be positive, was " + props.horizon());
        }
        if (props.checkInOpensBefore().isNegative()) {
            errors.add("lianxin.scheduler.check-in-opens-before: must not be negative, was "
                    + props.checkInOpensBefore());
        }
        byte[] key = null;
        String encoded = props.identityKey();
        if (encoded == null || encoded.isBlank()) {
            if (env.acceptsProfiles(Profiles.of("prod"))) {
                errors.add("lianxin.scheduler.identity-key: required in the prod profile (base64, at least 16 bytes;"
                        + " e.g. `openssl rand -base64 32`); set it through the environment"
                        + " (LIANXIN_SCHEDULER_IDENTITYKEY), never in the repository");
            } else {
                var file = app.dataDir().resolve("identity.key");
                encoded = SecretFiles.readOrCreate(file, () -> {
                    byte[] b = new byte[32];
                    new SecureRandom().nextBytes(b);
                    return Base64.getEncoder().encodeToString(b);
                });
                log.info("lianxin.scheduler.identity-key unset: using the generated key in {}", file.toAbsolutePath());
            }
        }
        if (encoded != null && !encoded.isBlank()) {
            try {
                key = Base64.getDecoder().decode(encoded.trim());
                if (key.length < 16) {
                    errors.add("lianxin.scheduler.identity-key: must decode to at least 16 bytes, has " + key.length);
                }
            } catch (IllegalArgumentException e) {
                errors.add("lianxin.scheduler.identity-key: not valid base64");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Bad configuration:\n  - " + String.join("\n  - ", errors));
        }
        SchedulerSettings settings = new SchedulerSettings(props.horizon(), zone, key, props.checkInOpensBefore());
        log.info("scheduler: horizon {} days, default zone {}, check-in opens {} min before", props.horizon().toDays(),
                zone, props.checkInOpensBefore().toMinutes());
        return settings;
    }

    /**
     * The scheduler; what it tells after commit (a booking cancelled or marked no-show, a consultation ended — by
     * any path) is republished as an application event ({@code ScheduleEvent.BookingClosed},
     * {@code ScheduleEvent.ConsultationEnded}) for the features that follow it, e.g. the live rooms.
     */
    @Bean
    Scheduler scheduler(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                        SchedulerSettings settings, ApplicationEventPublisher events) {
        return Scheduler.create(dataSource, transactions, clock, settings, event -> events.publishEvent(event));
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
