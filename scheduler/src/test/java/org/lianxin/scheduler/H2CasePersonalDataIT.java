package org.lianxin.scheduler;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class H2CasePersonalDataIT extends CasePersonalDataContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("personal");
    }
}
