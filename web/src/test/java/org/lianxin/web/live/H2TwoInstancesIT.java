package org.lianxin.web.live;

import javax.sql.DataSource;

import org.lianxin.scheduler.testing.TestDatabases;

/** The same rules on H2 ({@code ./lianxin up}: one instance; two here to show it behaves the same). */
class H2TwoInstancesIT extends TwoInstancesContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("placement");
    }
}
