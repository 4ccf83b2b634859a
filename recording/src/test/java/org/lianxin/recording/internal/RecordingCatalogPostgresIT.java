package org.lianxin.recording.internal;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.lianxin.scheduler.testing.TestDatabases;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingCatalogPostgresIT implements RecordingCatalogContract, EndedRecordingWritesContract {
    private DataSource dataSource;

    @BeforeAll
    void database() {
        dataSource = TestDatabases.postgres("recording");
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }
}
