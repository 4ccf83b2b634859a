package org.lianxin.scheduler;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class H2ConsultationIT extends ConsultationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("consultations");
    }
}
