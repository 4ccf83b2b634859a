package org.lianxin.web.config;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.lianxin.scheduler.Scheduler;
import org.lianxin.supervision.CaseSupervision;
import org.lianxin.supervision.Escalations;
import org.lianxin.supervision.Instructions;
import org.lianxin.supervision.Items;
import org.lianxin.supervision.Supervision;
import org.lianxin.supervision.SupervisionEvents;
import org.lianxin.supervision.SupervisionNotices;
import org.lianxin.supervision.SupervisionSettings;
import org.lianxin.supervision.SupervisionSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the supervision module over the scheduler and the application's database. Its notices go where the
 * {@link SupervisionNotices} bean sends them (web.supervision: the notification outbox).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupervisionProperties.class)
public class SupervisionConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SupervisionConfiguration.class);

    /** The supervision keys for the start-up check ({@link ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<SupervisionProperties> supervisionKeys() {
        return new CheckedProperties<>("lianxin.supervision", SupervisionProperties.class,
                SupervisionConfiguration::check);
    }

    static void check(SupervisionProperties props, Secrets secrets, List<String> problems) {
        if (props.sweepInterval() != null && props.sweepInterval().isNegative()) {
            problems.add("lianxin.supervision.sweep-interval: must not be negative, was " + props.sweepInterval());
        }
        if (props.remindDaysBefore() != null) {
            for (Integer d : props.remindDaysBefore()) {
                if (d == null || d < 1 || d > 30) {
                    problems.add("lianxin.supervision.remind-days-before: each must be 1..30, was " + d);
                }
            }
        }
    }

    @Bean
    Supervision supervision(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                            Scheduler scheduler, SupervisionProperties props, SupervisionNotices notices,
                            ObjectProvider<SupervisionEvents> events) {
        supervisionKeys().requireValid(props, null);
        log.info("supervision: sweep every {} ({}), reminders {} days before the deadline", props.sweepInterval(),
                props.sweepInterval().isZero() ? "off: lianxin.supervision.sweep-interval=0" : "on",
                props.remindDaysBefore());
        return Supervision.create(dataSource, transactions, clock, scheduler,
                new SupervisionSettings(props.remindDaysBefore()), notices,
                events.getIfAvailable(() -> SupervisionEvents.NONE));
    }

    @Bean
    Items supervisionItems(Supervision s) {
        return s.items();
    }

    @Bean
    Instructions supervisionInstructions(Supervision s) {
        return s.instructions();
    }

    @Bean
    CaseSupervision caseSupervision(Supervision s) {
        return s.cases();
    }

    @Bean
    Escalations supervisionEscalations(Supervision s) {
        return s.escalations();
    }

    @Bean
    SupervisionSweep supervisionSweep(Supervision s) {
        return s.sweep();
    }
}
