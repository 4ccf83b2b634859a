package org.lianxin.statistics;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class H2RollupIT extends RollupContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("rollup");
    }
}
