package org.lianxin.web.supervision;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reply documents: the documents feature's when it provides a {@link ReplyDocuments}, else none. */
@Configuration(proxyBeanMethods = false)
class SupervisionWebConfiguration {
    @Bean
    @ConditionalOnMissingBean(ReplyDocuments.class)
    ReplyDocuments replyDocuments() {
        return new ReplyDocuments.Unavailable();
    }
}
