package org.lianxin.web.webhooks;

import java.time.Clock;
import org.lianxin.scheduler.Offices;
import org.lianxin.recording.RecordingOutbox;
import org.lianxin.scheduler.ScheduleOutbox;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.supervision.SupervisionEvents;
import org.lianxin.supervision.SupervisionNotices;
import org.lianxin.web.security.SystemActor;
import org.lianxin.webhooks.Webhooks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Where events come from: one listener per source module, all in this package. */
@Configuration(proxyBeanMethods = false)
class WebhookSources {

    @Bean
    OfficeLineage webhookOfficeLineage(Offices offices) {
        return new OfficeLineage(offices);
    }

    /** Supervision's notices go to staff (the {@code supervisionNotices} bean) and, for the outward kinds, out. */
    @Bean
    @Primary
    SupervisionNotices supervisionWebhooks(@Qualifier("supervisionNotices") SupervisionNotices staff, Webhooks webhooks,
                                           OfficeLineage webhookOfficeLineage, Clock clock) {
        return new SupervisionWebhooks(staff, webhooks, webhookOfficeLineage, clock);
    }

    /**
     * The scheduler's outbox (it is built with the scheduler, so it finds the bookings and the system actor when an
     * event comes, not when it is built).
     */
    @Bean
    ScheduleOutbox scheduleWebhooks(Webhooks webhooks, ObjectProvider<Scheduler> scheduler,
                                    ObjectProvider<SystemActor> system, OfficeLineage webhookOfficeLineage,
                                    Clock clock) {
        return new ScheduleWebhooks(webhooks, () -> scheduler.getObject().bookings(),
                () -> system.getObject().find(), webhookOfficeLineage, clock);
    }

    /** The recording catalog's outbox (found, like the scheduler's, when a recording ends). */
    @Bean
    RecordingOutbox recordingWebhooks(Webhooks webhooks, ObjectProvider<Scheduler> scheduler,
                                      ObjectProvider<SystemActor> system, OfficeLineage webhookOfficeLineage,
                                      Clock clock) {
        return new RecordingWebhooks(webhooks, () -> scheduler.getObject().cases(), () -> system.getObject().find(),
                webhookOfficeLineage, clock);
    }

    @Bean
    SupervisionEvents supervisionFactWebhooks(Webhooks webhooks, OfficeLineage webhookOfficeLineage, Clock clock) {
        return new SupervisionFactWebhooks(webhooks, webhookOfficeLineage, clock);
    }
}
