package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes the audit tables append-only for the application (README, "Audit trail" and "Deploying"). A Java migration
 * because PostgreSQL and H2 need different statements.
 * <ul>
 * <li>PostgreSQL: UPDATE, DELETE and TRUNCATE on {@code audit_entry} and {@code audit_checkpoint} revoked from the
 * role that runs the migrations (the application's role), and a trigger on each that refuses UPDATE, DELETE and
 * TRUNCATE whoever asks. The migrating role owns the tables, and an owner may grant itself the rights again and drop
 * the trigger: this stops the application's own code and an SQL injection through it, not a person holding the
 * owner's password or a superuser. Production should let a separate owner role migrate and the application log in
 * as a role that was only granted INSERT and SELECT (README, "Deploying").</li>
 * <li>H2 (development): triggers that refuse UPDATE and DELETE ({@code AppendOnlyTrigger}); H2 has no per-table
 * rights for its administrator and runs no trigger on TRUNCATE.</li>
 * </ul>
 */
public class V16_2__audit_append_only extends BaseJavaMigration {

    private static final String[] TABLES = {"audit_entry", "audit_checkpoint"};

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        try (Statement sql = connection.createStatement()) {
            if (product.contains("postgres")) {
                postgres(sql);
            } else if (product.contains("h2")) {
                h2(sql);
            } else {
                throw new SQLException("the audit trail's protection knows PostgreSQL and H2, not " + product);
            }
        }
    }

    private static void postgres(Statement sql) throws SQLException {
        sql.execute("create function audit_refuse_change() returns trigger language plpgsql as $$ begin"
                + " raise exception 'the audit trail is append-only: % on % refused', tg_op, tg_table_name"
                + " using errcode = 'insufficient_privilege'; end $$");
        for (String table : TABLES) {
            sql.execute("revoke update, delete, truncate on " + table + " from current_user");
            sql.execute("create trigger " + table + "_append_only before update or delete on " + table
                    + " for each row execute function audit_refuse_change()");
            sql.execute("create trigger " + table + "_no_truncate before truncate on " + table
                    + " for each statement execute function audit_refuse_change()");
        }
    }

    private static void h2(Statement sql) throws SQLException {
        for (String table : TABLES) {
            sql.execute("create trigger " + table + "_append_only before update, delete on " + table
                    + " for each row call 'org.lianxin.audit.internal.AppendOnlyTrigger'");
        }
    }
}
