package org.lianxin.notification;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresOutboxIT extends OutboxContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("outbox");
    }
}
