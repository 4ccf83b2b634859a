package org.lianxin.audit;

import javax.sql.DataSource;

import org.lianxin.scheduler.testing.TestDatabases;

class H2AuditTrailIT extends AuditTrailContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("audit");
    }
}
