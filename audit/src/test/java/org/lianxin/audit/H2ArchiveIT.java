package org.lianxin.audit;

import javax.sql.DataSource;

import org.lianxin.scheduler.testing.TestDatabases;

class H2ArchiveIT extends ArchiveContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.h2("audit_archive");
    }
}
