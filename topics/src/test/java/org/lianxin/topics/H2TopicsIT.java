package org.lianxin.topics;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class H2TopicsIT extends TopicsContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("topics");
    }
}
