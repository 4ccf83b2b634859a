package org.lianxin.scheduler.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

// Not named TestDatabasesIT: surefire runs every Test*.java as a unit test.
class FreshDatabasesIT {

    @Test
    void postgresGivesAFreshMigratedDatabaseOfItsOwn() throws Exception {
        DataSource first = TestDatabases.postgres("fixture check");
        DataSource second = TestDatabases.postgres("fixture check");
        try {
            assertThat(queryInt(first, "select 1")).isEqualTo(1);
            String firstName = queryString(first, "select current_database()");
            assertThat(firstName).startsWith("lx_fixture_check_");
            assertThat(queryString(second, "select current_database()")).isNotEqualTo(firstName);
        } finally {
            ((AutoCloseable) first).close();
            ((AutoCloseable) second).close();
        }
    }

    @Test
    void h2GivesAMigratedInMemoryDatabase() throws Exception {
        DataSource h2 = TestDatabases.h2("fixture check");
        try {
            assertThat(queryInt(h2, "select 1")).isEqualTo(1);
        } finally {
            ((AutoCloseable) h2).close();
        }
    }

    private static int queryInt(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    private static String queryString(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
