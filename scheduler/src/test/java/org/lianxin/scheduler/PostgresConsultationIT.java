package org.lianxin.scheduler;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresConsultationIT extends ConsultationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("consultations");
    }
}
