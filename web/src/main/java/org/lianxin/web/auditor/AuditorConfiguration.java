package org.lianxin.web.auditor;

import javax.sql.DataSource;

import org.lianxin.audit.AuditSearch;
import org.lianxin.audit.Audits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The trail's search, for the auditor's API. */
@Configuration(proxyBeanMethods = false)
class AuditorConfiguration {
    @Bean
    AuditSearch auditSearch(DataSource dataSource) {
        return Audits.search(dataSource);
    }
}
