package org.lianxin.notification;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class H2OutboxIT extends OutboxContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("outbox");
    }

    @Override
    boolean skipLockedTakesTheNextRow() {
        return false;
    }
}
