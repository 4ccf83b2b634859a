package org.lianxin.scheduler;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresSchedulerIT extends SchedulerContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("rules");
    }
}
