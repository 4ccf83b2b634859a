package org.lianxin.web.webhooks;

import java.time.Clock;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.supervision.SupervisionNotices;
import org.lianxin.web.security.SystemActor;
import org.lianxin.webhooks.Webhooks;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

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

    @Bean
    ScheduleWebhooks scheduleWebhooks(Webhooks webhooks, Scheduler scheduler, SystemActor system,
                                      OfficeLineage webhookOfficeLineage, Clock clock,
                                      PlatformTransactionManager transactions) {
        return new ScheduleWebhooks(webhooks, scheduler.bookings(), system::find, webhookOfficeLineage, clock,
                transactions);
    }
}
