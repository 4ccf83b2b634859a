package org.lianxin.web.live;

import javax.sql.DataSource;

import org.lianxin.scheduler.testing.TestDatabases;

/** Two instances' room placement on the throwaway PostgreSQL that {@code ./lianxin test} starts (as in production). */
class PostgresTwoInstancesIT extends TwoInstancesContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("placement");
    }
}
