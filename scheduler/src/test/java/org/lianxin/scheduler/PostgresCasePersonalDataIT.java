package org.lianxin.scheduler;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresCasePersonalDataIT extends CasePersonalDataContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("personal");
    }
}
