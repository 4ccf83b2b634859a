package org.lianxin.web.statistics;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.scheduler.Offices;
import org.lianxin.statistics.Statistics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The statistics module in the application: it reads the same database as the scheduler and supervision. */
@Configuration(proxyBeanMethods = false)
class StatisticsWebConfiguration {
    @Bean
    Statistics statistics(DataSource dataSource, Offices offices, Clock clock) {
        return Statistics.create(dataSource, offices, clock);
    }
}
