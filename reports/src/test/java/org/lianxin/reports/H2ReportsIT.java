package org.lianxin.reports;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class H2ReportsIT extends ReportsContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("reports");
    }
}
