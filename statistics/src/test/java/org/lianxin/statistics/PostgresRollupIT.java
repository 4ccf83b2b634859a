package org.lianxin.statistics;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresRollupIT extends RollupContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("rollup");
    }
}
