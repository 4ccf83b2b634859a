package org.lianxin.recording;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class ComposeWorkersPostgresIT extends ComposeWorkersContract {
    @Override
    DataSource database() {
        return TestDatabases.postgres("compose-workers");
    }
}
