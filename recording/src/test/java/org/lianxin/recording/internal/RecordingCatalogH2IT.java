package org.lianxin.recording.internal;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.lianxin.scheduler.testing.TestDatabases;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingCatalogH2IT implements RecordingCatalogContract, EndedRecordingWritesContract {
    private DataSource dataSource;

    @BeforeAll
    void database() {
        dataSource = TestDatabases.h2("recording");
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }
}
