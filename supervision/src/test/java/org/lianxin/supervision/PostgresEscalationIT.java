package org.lianxin.supervision;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresEscalationIT extends EscalationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("escalation");
    }
}
