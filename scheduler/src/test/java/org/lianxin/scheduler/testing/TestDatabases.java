package org.lianxin.scheduler.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * Fresh, migrated databases for integration tests and benchmarks: one per call, on the
 * throwaway PostgreSQL cluster that {@code ./lianxin test} (and {@code ./lianxin bench}) starts,
 * or in H2's memory. Shared with other modules through the scheduler's test-jar.
 *
 * <p>The returned {@link DataSource} is a HikariCP pool of up to {@value #POOL_SIZE} connections
 * (concurrency tests use many threads); it is {@link AutoCloseable}, so a caller that wants its
 * connections back early can {@code ((AutoCloseable) ds).close()}. Connections are opened lazily
 * and idle ones are let go, so unclosed pools of finished test classes do not pile up.
 *
 * <p>Modules using this class need flyway-core, flyway-database-postgresql, HikariCP, postgresql
 * and h2 on their own test classpath: test-scoped dependencies of the scheduler are not
 * transitive through its test-jar.
 */
public final class TestDatabases {

    public static final String URL_ENV = "LIANXIN_TEST_PG_URL";
    public static final String USER_ENV = "LIANXIN_TEST_PG_USER";
    public static final String PASSWORD_ENV = "LIANXIN_TEST_PG_PASSWORD";
    public static final int POOL_SIZE = 40;
    private static final String MIGRATIONS = "classpath:db/migration";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestDatabases() {
    }

    /**
     * A new database {@code lx_<purpose>_<random>} on the test PostgreSQL, migrated.
     *
     * @throws IllegalStateException if the test PostgreSQL is not configured (never skips)
     */
    public static DataSource postgres(String purpose) {
        Jdbc db = postgresUrl(purpose);
        HikariConfig config = pool("pg-" + db.url().substring(db.url().lastIndexOf('/') + 1));
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        return migrated(new HikariDataSource(config));
    }

    /** Where a database is and how to log in; for applications that open and migrate it themselves. */
    public record Jdbc(String url, String user, String password) {
        @Override
        public String toString() { // never print the password
            return "Jdbc[" + url + ", " + user + "]";
        }
    }

    /**
     * A new, empty (not migrated) database {@code lx_<purpose>_<random>} on the test PostgreSQL, e.g. for a Spring
     * Boot test whose Flyway migrates it.
     *
     * @throws IllegalStateException if the test PostgreSQL is not configured (never skips)
     */
    public static Jdbc postgresUrl(String purpose) {
        List<String> missing = new ArrayList<>();
        String url = env(URL_ENV, missing);
        String user = env(USER_ENV, missing);
        String password = env(PASSWORD_ENV, missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No test PostgreSQL: " + String.join(", ", missing)
                    + " not set. Run the build through ./lianxin test (or ./lianxin test -pl <module>),"
                    + " which starts a throwaway PostgreSQL and sets them.");
        }
        String name = "lx_" + identifier(purpose, 40) + "_" + randomSuffix();
        try (Connection admin = DriverManager.getConnection(url, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " via " + url
                    + " as " + user + ": " + e.getMessage(), e);
        }
        return new Jdbc(withDatabase(url, name), user, password);
    }

    /** A new H2 in-memory database, migrated; it lives until the JVM ends. */
    public static DataSource h2(String purpose) {
        String name = identifier(purpose, 40) + randomSuffix();
        HikariConfig config = pool("h2-" + name);
        config.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=Regular");
        config.setUsername("sa");
        config.setPassword("");
        return migrated(new HikariDataSource(config));
    }

    private static HikariConfig pool(String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setIdleTimeout(10_000);
        config.setConnectionTimeout(30_000);
        return config;
    }

    private static DataSource migrated(HikariDataSource ds) {
        try {
            Flyway.configure().dataSource(ds).locations(MIGRATIONS).load().migrate();
            return ds;
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    private static String env(String key, List<String> missing) {
        String value = System.getenv(key);
        if (value == null || value.isBlank()) {
            missing.add(key);
        }
        return value;
    }

    /** Lower-case letters, digits and underscores only, so the name needs no quoting. */
    static String identifier(String purpose, int maxLength) {
        String cleaned = (purpose == null ? "" : purpose).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        if (cleaned.isEmpty()) {
            cleaned = "test";
        }
        return cleaned.length() > maxLength ? cleaned.substring(0, maxLength) : cleaned;
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** {@code jdbc:postgresql://host:port/db?params} with {@code db} replaced. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < 0 || slash < base.indexOf("//") + 2) {
            throw new IllegalStateException(URL_ENV + " must look like jdbc:postgresql://host:port/database, was " + url);
        }
        return base.substring(0, slash + 1) + database + params;
    }
}
