package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Retention of the audit trail (README, "Audit trail"): {@code audit_archive} records each archived range (entries
 * {@code seq_from..seq_to} moved into an object of the store, the hash of entry {@code seq_to}, the object's key and
 * SHA-256), and the only way entries leave {@code audit_entry}.
 * <ul>
 * <li>PostgreSQL: {@code audit_archive_upto(from, to, to_hash, object_key, sha256, retention_days)}, a
 * {@code SECURITY DEFINER} function of the migrating role, records the range and deletes it in one statement, and
 * only if {@code to} is a checkpoint with that hash older than the retention, every entry of the range is older than
 * the retention, the range starts right after the last archived one, and the retention is at least 180 days. The
 * append-only trigger of {@code audit_entry} is replaced by one that lets a DELETE through only for an entry older than
 * 180 days, inside an archived range, while that function runs; everything else is refused as before, whoever asks.
 * The migrating role gets DELETE on {@code audit_entry} back (V16_2 revoked it) because the function runs with its
 * rights; where the application logs in as that same role (development, tests) it holds DELETE too, and the trigger is
 * what keeps every entry younger than 180 days in place. {@code audit_archive} is append-only like the trail.</li>
 * <li>H2 (development): the same table; the trigger ({@code ArchiveGuardTrigger}) lets a DELETE through only for an
 * entry older than 180 days while the archiver of the same thread has opened the range ({@code ArchivePermit}).</li>
 * </ul>
 */
public class V24__audit_archive extends BaseJavaMigration {

    private static final String TABLE = "create table audit_archive ("
            + " seq_from bigint not null, seq_to bigint not null primary key, to_hash char(64) not null,"
            + " object_key varchar(400) not null, sha256 char(64) not null, entries bigint not null,"
            + " archived_at timestamp with time zone not null)";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        try (Statement sql = connection.createStatement()) {
            sql.execute(TABLE);
            if (product.contains("postgres")) {
                postgres(sql);
            } else if (product.contains("h2")) {
                sql.execute("create trigger audit_archive_append_only before update, delete on audit_archive"
                        + " for each row call 'org.lianxin.audit.internal.AppendOnlyTrigger'");
                sql.execute("drop trigger audit_entry_append_only");
                sql.execute("create trigger audit_entry_append_only before update, delete on audit_entry"
                        + " for each row call 'org.lianxin.audit.internal.ArchiveGuardTrigger'");
            } else {
                throw new SQLException("the audit archive knows PostgreSQL and H2, not " + product);
            }
        }
    }

    private static void postgres(Statement sql) throws SQLException {
        String schema;
        try (ResultSet rs = sql.executeQuery("select current_schema()")) {
            rs.next();
            schema = rs.getString(1);
        }
        sql.execute("revoke update, delete, truncate on audit_archive from current_user");
        sql.execute("create trigger audit_archive_append_only before update or delete on audit_archive"
                + " for each row execute function audit_refuse_change()");
        sql.execute("create trigger audit_archive_no_truncate before truncate on audit_archive"
                + " for each statement execute function audit_refuse_change()");
        sql.execute("create function audit_entry_guard() returns trigger language plpgsql as $$ begin"
                + " if tg_op = 'DELETE'"
                + " and old.seq <= coalesce(nullif(current_setting('lianxin.audit_archive_to', true), '')::bigint, 0)"
                + " and old.at < now() - interval '180 days'"
                + " and exists (select 1 from audit_archive a where old.seq between a.seq_from and a.seq_to)"
                + " then return old; end if;"
                + " raise exception 'the audit trail is append-only: % on % refused (entries leave only through"
                + " audit_archive_upto, once archived and older than the retention)', tg_op, tg_table_name"
                + " using errcode = 'insufficient_privilege'; end $$");
        sql.execute("drop trigger audit_entry_append_only on audit_entry");
        sql.execute("create trigger audit_entry_append_only before update or delete on audit_entry"
                + " for each row execute function audit_entry_guard()");
        sql.execute("grant delete on audit_entry to current_user");
        sql.execute("create function audit_archive_upto(p_from bigint, p_to bigint, p_to_hash char(64),"
                + " p_object_key varchar, p_sha256 char(64), p_retention_days int) returns bigint"
                + " language plpgsql security definer set search_path = " + quote(schema) + ", pg_temp as $$"
                + " declare v_last bigint; v_cp timestamptz; v_limit timestamptz; v_n bigint; begin"
                + " if p_retention_days is null or p_retention_days < 180 then"
                + "  raise exception 'audit retention of % days refused: at least 180 (6 months)', p_retention_days"
                + "  using errcode = 'insufficient_privilege'; end if;"
                + " v_limit := now() - make_interval(days => p_retention_days);"
                + " select coalesce(max(seq_to), 0) into v_last from audit_archive;"
                + " if p_from <> v_last + 1 or p_to < p_from then"
                + "  raise exception 'audit archive range %..% refused: the archived part ends at %', p_from, p_to,"
                + "  v_last using errcode = 'insufficient_privilege'; end if;"
                + " select at into v_cp from audit_checkpoint where seq = p_to and hash = p_to_hash;"
                + " if v_cp is null or v_cp >= v_limit then"
                + "  raise exception 'audit archive up to % refused: no checkpoint of that entry and hash older than"
                + "  % days', p_to, p_retention_days using errcode = 'insufficient_privilege'; end if;"
                + " if not exists (select 1 from audit_entry where seq = p_to and hash = p_to_hash)"
                + "  or exists (select 1 from audit_entry where seq between p_from and p_to and at >= v_limit) then"
                + "  raise exception 'audit archive %..% refused: entries not there or younger than % days', p_from,"
                + "  p_to, p_retention_days using errcode = 'insufficient_privilege'; end if;"
                + " insert into audit_archive (seq_from, seq_to, to_hash, object_key, sha256, entries, archived_at)"
                + "  values (p_from, p_to, p_to_hash, p_object_key, p_sha256, p_to - p_from + 1, now());"
                + " perform set_config('lianxin.audit_archive_to', p_to::text, true);"
                + " delete from audit_entry where seq between p_from and p_to;"
                + " get diagnostics v_n = row_count;"
                + " perform set_config('lianxin.audit_archive_to', '', true);"
                + " return v_n; end $$");
        sql.execute("revoke all on function audit_archive_upto(bigint, bigint, char, varchar, char, int) from public");
        sql.execute("grant execute on function audit_archive_upto(bigint, bigint, char, varchar, char, int)"
                + " to current_user");
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
