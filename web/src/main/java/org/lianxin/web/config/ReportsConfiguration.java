package org.lianxin.web.config;

import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.lianxin.reports.Bulletins;
import org.lianxin.reports.ReportSettings;
import org.lianxin.scheduler.Offices;
import org.lianxin.statistics.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the reports module (monthly bulletin, yearly ranking) over the statistics module; checks the PDF font. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportsProperties.class)
public class ReportsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ReportsConfiguration.class);

    /** The reports keys for the start-up check ({@link ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<ReportsProperties> reportsKeys() {
        return new CheckedProperties<>("lianxin.reports", ReportsProperties.class, ReportsConfiguration::check);
    }

    static void check(ReportsProperties props, Secrets secrets, List<String> problems) {
        if (props.fontFile() != null && !Files.isReadable(props.fontFile())) {
            problems.add("lianxin.reports.font-file: " + props.fontFile() + " is missing or unreadable; install "
                    + "Debian's fonts-wqy-microhei (apt-get install fonts-wqy-microhei) or name a TrueType font "
                    + "(.ttf/.ttc) with Chinese glyphs");
        }
        if (props.issueInterval() != null && props.issueInterval().isNegative()) {
            problems.add("lianxin.reports.issue-interval: must not be negative, was " + props.issueInterval());
        }
    }

    @Bean
    Bulletins bulletins(DataSource dataSource, Statistics statistics, Offices offices, Clock clock,
                        ReportsProperties props) {
        reportsKeys().requireValid(props, null);
        log.info("reports: PDF font {} (lianxin.reports.font-file); bulletins issued on the 1st, checked every {} ({})",
                props.fontFile(), props.issueInterval(),
                props.issueInterval().isZero() ? "off: lianxin.reports.issue-interval=0" : "on");
        return Bulletins.create(dataSource, statistics, offices, clock, new ReportSettings(props.fontFile()));
    }
}
