package org.lianxin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

/** As {@link ArchiveContract} on PostgreSQL as the application's role; and its narrow path refuses what may not go. */
class PostgresArchiveIT extends ArchiveContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabases.postgres("audit_archive");
    }

    @Test
    void theApplicationsRoleCannotUseTheArchivePathForRecentEntries() throws Exception {
        JdbcClient sql = JdbcClient.create(db);
        String hash40 = sql.sql("select hash from audit_entry where seq = 40").query(String.class).single();
        String hash20 = sql.sql("select hash from audit_entry where seq = 20").query(String.class).single();
        String sha = "0".repeat(64);
        // up to a checkpoint that is recent
        assertThatThrownBy(() -> sql.sql("select audit_archive_upto(1, 40, ?, 'x', ?, 180)").params(hash40, sha)
                .query(Long.class).single()).rootCause().hasMessageContaining("refused");
        // a retention under six months
        assertThatThrownBy(() -> sql.sql("select audit_archive_upto(1, 20, ?, 'x', ?, 30)").params(hash20, sha)
                .query(Long.class).single()).rootCause().hasMessageContaining("at least 180");
        // a hash that is not the checkpoint's
        assertThatThrownBy(() -> sql.sql("select audit_archive_upto(1, 20, ?, 'x', ?, 180)").params(hash40, sha)
                .query(Long.class).single()).rootCause().hasMessageContaining("refused");
        // not from the boundary
        assertThatThrownBy(() -> sql.sql("select audit_archive_upto(5, 20, ?, 'x', ?, 180)").params(hash20, sha)
                .query(Long.class).single()).rootCause().hasMessageContaining("refused");
        // the setting the function uses opens nothing younger than 180 days
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("select set_config('lianxin.audit_archive_to', '40', false)");
            assertThatThrownBy(() -> s.execute("delete from audit_entry where seq = 35"))
                    .hasMessageContaining("append-only");
        }
        assertThat(sql.sql("select count(*) from audit_entry").query(Long.class).single()).isEqualTo(40);
        assertThat(sql.sql("select count(*) from audit_archive").query(Long.class).single()).isZero();
    }
}
