package org.lianxin.recording;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class ComposeWorkersH2IT extends ComposeWorkersContract {
    @Override
    DataSource database() {
        return TestDatabases.h2("compose-workers");
    }
}
