package org.lianxin.web.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Application-wide wiring: the keys under {@code lianxin} and the secrets of the data folder. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LianxinProperties.class)
public class ApplicationConfiguration {

    @Bean
    Secrets secrets(LianxinProperties app, Environment env) {
        return Secrets.of(app, env);
    }
}
