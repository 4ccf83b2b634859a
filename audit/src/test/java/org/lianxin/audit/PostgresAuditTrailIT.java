package org.lianxin.audit;

import javax.sql.DataSource;

import org.lianxin.scheduler.testing.TestDatabases;

class PostgresAuditTrailIT extends AuditTrailContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("audit");
    }
}
