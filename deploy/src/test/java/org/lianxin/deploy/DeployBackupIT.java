package org.lianxin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore drill of deploy/backup/ against the test PostgreSQL ({@code ./lianxin test} starts it and exports
 * LIANXIN_TEST_PG_URL, _USER, _PASSWORD): a database with tables in two schemas (text in Chinese, bytea, jsonb, a
 * partitioned table, an empty table, a sequence) is dumped, restored into a fresh database and every table's row
 * count compared — the drill passes; a restored table that lost a row is reported; restore.sh refuses to write over
 * an existing database.
 */
class DeployBackupIT {

    private static final Pattern DRILL_DB = Pattern.compile("restored into (lianxin_drill_\\w+)");

    @TempDir
    Path temp;

    private String host;
    private int port;
    private String user;
    private String password;
    private String source;
    private final List<String> databases = new ArrayList<>();

    @BeforeEach
    void sourceDatabase() throws SQLException {
        String url = System.getenv("LIANXIN_TEST_PG_URL");
        if (url == null) {
            throw new IllegalStateException("No test PostgreSQL: LIANXIN_TEST_PG_URL not set. Run the build through"
                    + " ./lianxin test (./lianxin test -pl deploy -am …)");
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        host = uri.getHost();
        port = uri.getPort();
        user = System.getenv("LIANXIN_TEST_PG_USER");
        password = System.getenv("LIANXIN_TEST_PG_PASSWORD");
        source = "lx_drill_src_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        try (Connection c = connect(uri.getPath().substring(1)); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + source);
        }
        databases.add(source);
        try (Connection c = connect(source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE office (id bigserial PRIMARY KEY, name text NOT NULL, code text UNIQUE)");
            s.execute("INSERT INTO office (name, code) SELECT '锦江区信访局 ' || i, 'C' || i FROM generate_series(1, 1500) i");
            s.execute("CREATE TABLE booking (id bigserial PRIMARY KEY, office_id bigint REFERENCES office(id),"
                    + " payload jsonb, photo bytea, starts timestamptz)");
            s.execute("INSERT INTO booking (office_id, payload, photo, starts) SELECT 1 + i % 1500,"
                    + " jsonb_build_object('case', 'SC-2026-' || i, '姓名', '张三'), decode(md5(i::text), 'hex'),"
                    + " now() + i * interval '1 minute' FROM generate_series(1, 2500) i");
            s.execute("CREATE TABLE audit_entry (id bigint, at date) PARTITION BY RANGE (at)");
            s.execute("CREATE TABLE audit_entry_2026 PARTITION OF audit_entry FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
            s.execute("INSERT INTO audit_entry SELECT i, date '2026-01-01' + i % 300 FROM generate_series(1, 700) i");
            s.execute("CREATE TABLE nothing_yet (id int)");
            s.execute("CREATE SCHEMA \"reports\"");
            s.execute("CREATE TABLE reports.bulletin (id int, body text)");
            s.execute("INSERT INTO reports.bulletin SELECT i, repeat('月报', 200) FROM generate_series(1, 40) i");
        }
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            for (String db : databases) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    @Test
    void theDrillRestoresEveryRowOfEveryTable() throws SQLException {
        Command drill = script("restore-drill.sh");
        assertThat(drill.exitCode()).as(drill.output()).isZero();
        assertThat(drill.output()).contains("drill passed", "6 tables, 0 different")
                .containsPattern("public\\.office\\s+1500\\s+1500\\s+ok")
                .containsPattern("public\\.booking\\s+2500\\s+2500\\s+ok")
                .containsPattern("public\\.audit_entry_2026\\s+700\\s+700\\s+ok")
                .containsPattern("public\\.nothing_yet\\s+0\\s+0\\s+ok")
                .containsPattern("reports\\.bulletin\\s+40\\s+40\\s+ok");
        String drillDb = drillDatabase(drill);
        databases.add(drillDb);
        assertThat(exists(drillDb)).as("the drill drops its database").isFalse();
    }

    @Test
    void aRestoredTableThatLostARowIsReported() throws SQLException {
        Command kept = script("restore-drill.sh", "--keep", temp.resolve("work").toString());
        assertThat(kept.exitCode()).as(kept.output()).isZero();
        String drillDb = drillDatabase(kept);
        databases.add(drillDb);
        try (Connection c = connect(drillDb); Statement s = c.createStatement()) {
            s.execute("DELETE FROM reports.bulletin WHERE id = 7");
        }
        Command compare = script("restore-drill.sh", "compare", source, drillDb);
        assertThat(compare.exitCode()).as(compare.output()).isEqualTo(1);
        assertThat(compare.output()).containsPattern("reports\\.bulletin\\s+40\\s+39\\s+DIFFERENT")
                .contains("6 tables, 1 different");
    }

    @Test
    void restoreNeverWritesOverADatabase() {
        Command backup = script("backup.sh", "--db-only", temp.resolve("dumps").toString());
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        String dump = backup.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(Path.of(dump + ".counts")).content().contains("public.office|1500");
        assertThat(Path.of(dump + ".sha256")).exists();
        Command restore = script("restore.sh", dump, source);
        assertThat(restore.exitCode()).as(restore.output()).isEqualTo(2);
        assertThat(restore.output()).contains("database " + source + " exists");
    }

    private Command script(String name, String... args) {
        Command.require("pg_dump", "postgresql-client");
        List<String> command = new ArrayList<>();
        command.add(DeployFolder.file("backup/" + name).toString());
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", Integer.toString(port));
        env.put("PGUSER", user);
        env.put("PGPASSWORD", password);
        env.put("PGDATABASE", source);
        return Command.run(command, env);
    }

    private static String drillDatabase(Command drill) {
        Matcher m = DRILL_DB.matcher(drill.output());
        assertThat(m.find()).as(drill.output()).isTrue();
        return m.group(1);
    }

    private boolean exists(String db) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
            return rs.next();
        }
    }

    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, user, password);
    }
}
