package org.lianxin.web.cluster;

import javax.sql.DataSource;

import org.lianxin.scheduler.testing.TestDatabases;

/** The lease on H2 (one instance, {@code ./lianxin up}): the same rules as on PostgreSQL. */
class H2ClusterLeaseIT extends ClusterLeaseContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("lease");
    }
}
