package org.lianxin.supervision;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class H2SupervisionIT extends SupervisionContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("supervision");
    }
}
