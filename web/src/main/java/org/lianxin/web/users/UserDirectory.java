package org.lianxin.web.users;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lianxin.scheduler.Role;
import org.lianxin.web.security.AccountChanges;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The accounts ({@code app_user}) as the users feature reads and changes them: never the password hash. */
@Component
class UserDirectory {
    private static final String COLUMNS = "id, username, display_name, role, duty, office_id, official_id, enabled";
    private static final RowMapper<UserView> ROW = (rs, n) -> new UserView(rs.getLong("id"), rs.getString("username"),
            rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getString("duty"),
            rs.getLong("office_id"), rs.getObject("official_id") == null ? null : rs.getLong("official_id"),
            rs.getBoolean("enabled"));

    private final JdbcClient jdbc;
    private final AccountChanges changes;

    UserDirectory(JdbcClient jdbc, AccountChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /** The accounts of these offices, by office and name. */
    List<UserView> inOffices(Set<Long> officeIds) {
        if (officeIds.isEmpty()) return List.of();
        return jdbc.sql("select " + COLUMNS + " from app_user where office_id in (:offices) order by office_id, username")
                .param("offices", officeIds).query(ROW).list();
    }

    Optional<UserView> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from app_user where id = ?").param(id).query(ROW).optional();
    }

    /** The office of an official record, if there is one with this id. */
    Optional<Long> officeOfOfficial(long officialId) {
        return jdbc.sql("select office_id from official where id = ?").param(officialId).query(Long.class).optional();
    }

    /**
     * Sets the role and the duty held and ends the account's sessions (bumps its security stamp); false if the row
     * changed meanwhile (its role is no longer {@code from}).
     */
    boolean setRole(long id, Role from, Role to, Role duty) {
        return changed(id, jdbc.sql("update app_user set role = ?, duty = ?, security_stamp = security_stamp + 1"
                        + " where id = ? and role = ?")
                .params(to.name(), duty == null ? null : duty.name(), id, from.name()).update() == 1);
    }

    /** Enables or disables the account and ends its sessions (bumps its security stamp). */
    boolean setEnabled(long id, boolean enabled) {
        return changed(id, jdbc.sql("update app_user set enabled = ?, security_stamp = security_stamp + 1 where id = ?")
                .params(enabled, id).update() == 1);
    }

    /** Tells every instance (its open signaling connections) when the stamp was bumped. */
    private boolean changed(long id, boolean bumped) {
        if (bumped) {
            changes.changed(id);
        }
        return bumped;
    }
}
