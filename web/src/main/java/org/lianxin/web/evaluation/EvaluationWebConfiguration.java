package org.lianxin.web.evaluation;

import java.time.Clock;
import javax.sql.DataSource;
import org.lianxin.evaluation.ThirdPartyEvaluation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires third-party evaluation (第三方评议) over the application's database. */
@Configuration(proxyBeanMethods = false)
class EvaluationWebConfiguration {
    @Bean
    ThirdPartyEvaluation thirdPartyEvaluation(DataSource dataSource, PlatformTransactionManager transactions,
            Clock clock) {
        return ThirdPartyEvaluation.create(dataSource, transactions, clock);
    }
}
