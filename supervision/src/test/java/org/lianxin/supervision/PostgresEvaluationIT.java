package org.lianxin.supervision;

import javax.sql.DataSource;
import org.lianxin.scheduler.testing.TestDatabases;

class PostgresEvaluationIT extends EvaluationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("evaluation");
    }
}
