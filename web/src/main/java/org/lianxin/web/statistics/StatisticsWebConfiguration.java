package org.lianxin.web.statistics;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.scheduler.Offices;
import org.lianxin.statistics.Statistics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The statistics module in the application: it reads the same database as the scheduler and supervision; and the
 * statistics page at {@code /statistics/} (static, {@code static/statistics/index.html}).
 */
@Configuration(proxyBeanMethods = false)
class StatisticsWebConfiguration implements WebMvcConfigurer {
    @Bean
    Statistics statistics(DataSource dataSource, Offices offices, Clock clock) {
        return Statistics.create(dataSource, offices, clock);
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/statistics", "/statistics/");
        registry.addViewController("/statistics/").setViewName("forward:/statistics/index.html");
    }
}
