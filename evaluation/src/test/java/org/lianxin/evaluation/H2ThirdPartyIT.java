package org.lianxin.evaluation;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class H2ThirdPartyIT extends ThirdPartyContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("thirdparty");
    }
}
