package org.lianxin.reports;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresReportsIT extends ReportsContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("reports");
    }
}
