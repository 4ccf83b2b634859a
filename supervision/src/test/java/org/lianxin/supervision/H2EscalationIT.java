package org.lianxin.supervision;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class H2EscalationIT extends EscalationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("escalation");
    }
}
