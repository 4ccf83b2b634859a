package org.lianxin.web.live;

import java.time.Clock;
import java.util.List;
import org.lianxin.signaling.turn.TurnCredentials;
import org.lianxin.signaling.turn.TurnSettings;
import org.lianxin.web.config.CheckedProperties;
import org.lianxin.web.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * TURN for the live rooms: the credentials each join hands out ({@link TurnCredentials}), from {@code lianxin.turn.*}.
 * Without {@code lianxin.turn.urls} nobody gets ICE servers and browsers reach Janus directly, as before.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TurnProperties.class)
public class TurnConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TurnConfiguration.class);

    /** The TURN keys for the start-up check ({@code config.ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<TurnProperties> turnKeys() {
        return new CheckedProperties<>("lianxin.turn", TurnProperties.class, TurnConfiguration::check);
    }

    static void check(TurnProperties props, Secrets secrets, List<String> problems) {
        if (props.urls() == null || props.urls().isEmpty()) {
            return; // off
        }
        for (String problem : TurnSettings.problems(props.secret(), props.urls(), props.ttl())) {
            problems.add("lianxin.turn." + problem
                    + (problem.startsWith("secret") ? "; set it through the environment (LIANXIN_TURN_SECRET)" : ""));
        }
    }

    @Bean
    TurnCredentials turnCredentials(TurnProperties props, Secrets secrets, Clock clock) {
        if (!props.enabled()) {
            log.info("turn: off (lianxin.turn.urls)");
            return TurnCredentials.none();
        }
        turnKeys().requireValid(props, secrets);
        TurnSettings settings = new TurnSettings(props.secret(), props.urls(), props.realm(), props.ttl());
        log.info("turn: on, {} (lianxin.turn.urls)", settings);
        return new TurnCredentials(settings, clock);
    }
}
