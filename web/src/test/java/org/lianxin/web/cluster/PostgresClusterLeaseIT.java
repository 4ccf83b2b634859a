package org.lianxin.web.cluster;

import javax.sql.DataSource;

import org.lianxin.scheduler.testing.TestDatabases;

/** The lease on the throwaway PostgreSQL that {@code ./lianxin test} starts (PostgreSQL in production). */
class PostgresClusterLeaseIT extends ClusterLeaseContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("lease");
    }
}
