package org.lianxin.statistics;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresStatisticsIT extends StatisticsContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("statistics");
    }
}
