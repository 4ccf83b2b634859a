package org.lianxin.supervision;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresSupervisionIT extends SupervisionContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("supervision");
    }
}
