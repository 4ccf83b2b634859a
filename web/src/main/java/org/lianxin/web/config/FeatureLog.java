package org.lianxin.web.config;

import java.util.Arrays;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Logs each optional feature as on/off with the key that flips it. */
@Component
@Order(0)
class FeatureLog implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(FeatureLog.class);
    private final Environment env;

    FeatureLog(Environment env) {
        this.env = env;
    }

    @Override
    public void run(ApplicationArguments args) {
        String url = env.getProperty("spring.datasource.url", "");
        String db = url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : url.startsWith("jdbc:h2:") ? "H2" : "other";
        log.info("database: {} (spring.datasource.url)", db);
        if (db.equals("H2") && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT=FALSE")) {
            log.warn("spring.datasource.url: an H2 URL without ;DB_CLOSE_ON_EXIT=FALSE lets H2 close the database"
                    + " before a stop has ended the live rooms and their recordings (the next start then recovers"
                    + " them as after a crash)");
        }
        log.info("profiles: {}", Arrays.toString(env.getActiveProfiles()));
        log.info("demo data and demo users: {} (profile dev)",
                Arrays.asList(env.getActiveProfiles()).contains("dev") ? "on" : "off");
        log.info("swagger ui: {} (springdoc.swagger-ui.enabled)",
                env.getProperty("springdoc.swagger-ui.enabled", Boolean.class, true) ? "on" : "off");
        log.info("identity key: {} (lianxin.scheduler.identity-key)",
                env.containsProperty("lianxin.scheduler.identity-key") ? "configured" : "generated file in data dir");
    }
}
