package org.lianxin.evaluation;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresThirdPartyIT extends ThirdPartyContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("thirdparty");
    }
}
