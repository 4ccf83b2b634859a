package org.lianxin.topics;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresTopicsIT extends TopicsContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("topics");
    }
}
