package org.lianxin.web.topics;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.lianxin.scheduler.Cases;
import org.lianxin.topics.Thresholds;
import org.lianxin.topics.TopicSettings;
import org.lianxin.topics.Topics;
import org.lianxin.web.config.CheckedProperties;
import org.lianxin.web.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires topics (一题一专项) over the application's database: the rule's thresholds from {@code lianxin.topics.*},
 * and the check of a new case's category × place after every case created or imported through the {@link Cases}
 * bean ({@link TopicCheckingCases}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicsProperties.class)
class TopicsWebConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TopicsWebConfiguration.class);

    /** The topics keys for the start-up check. */
    @Bean
    static CheckedProperties<TopicsProperties> topicsKeys() {
        return new CheckedProperties<>("lianxin.topics", TopicsProperties.class, TopicsWebConfiguration::check);
    }

    static void check(TopicsProperties props, Secrets secrets, List<String> problems) {
        checkRule("lianxin.topics", props.windowDays(), props.threshold(), problems);
        if (props.sweepInterval() != null && props.sweepInterval().isNegative()) {
            problems.add("lianxin.topics.sweep-interval: must not be negative, was " + props.sweepInterval());
        }
        props.provinces().forEach((code, p) -> checkRule("lianxin.topics.provinces." + code,
                p.windowDays() == null ? props.windowDays() : p.windowDays(),
                p.threshold() == null ? props.threshold() : p.threshold(), problems));
    }

    private static void checkRule(String prefix, int windowDays, int threshold, List<String> problems) {
        if (windowDays < 1 || windowDays > 366) {
            problems.add(prefix + ".window-days: must be 1..366, was " + windowDays);
        }
        if (threshold < 2 || threshold > 1000) {
            problems.add(prefix + ".threshold: must be 2..1000, was " + threshold);
        }
    }

    static TopicSettings settings(TopicsProperties props) {
        topicsKeys().requireValid(props, null);
        Thresholds defaults = new Thresholds(Duration.ofDays(props.windowDays()), props.threshold());
        Map<String, Thresholds> byProvince = new HashMap<>();
        props.provinces().forEach((code, p) -> byProvince.put(code, new Thresholds(
                Duration.ofDays(p.windowDays() == null ? props.windowDays() : p.windowDays()),
                p.threshold() == null ? props.threshold() : p.threshold())));
        return new TopicSettings(defaults, byProvince);
    }

    @Bean
    Topics topics(DataSource dataSource, PlatformTransactionManager transactions, Clock clock,
                  TopicsProperties props) {
        TopicSettings settings = settings(props);
        log.info("topics: {} matters of one category and place in {} days make a topic ({} provinces with their own"
                        + " rule); detection on every new case, and every {} ({})", props.threshold(),
                props.windowDays(), settings.byProvince().size(), props.sweepInterval(),
                props.sweepInterval().isZero() ? "periodic run off: lianxin.topics.sweep-interval=0" : "on");
        return Topics.create(dataSource, transactions, clock, settings);
    }

    /** Decorates the {@link Cases} bean so that each case created or imported is checked at once. */
    @Bean
    static BeanPostProcessor topicCheckingCases(ObjectProvider<Topics> topics) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof Cases && !(bean instanceof TopicCheckingCases)) {
                    return new TopicCheckingCases((Cases) bean, topics::getObject);
                }
                return bean;
            }
        };
    }
}
