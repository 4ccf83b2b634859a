package org.lianxin.scheduler;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresConcurrencyIT extends ConcurrencyContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("concurrency");
    }
}
