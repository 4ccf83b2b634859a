package org.lianxin.web.security;

import java.util.List;
import java.util.Optional;

import org.lianxin.scheduler.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** The {@code app_user} table: staff accounts with a role and an office. */
@Component
public class UserAccounts implements UserDetailsService {
    private static final RowMapper<LianxinUser> ROW = (rs, n) -> new LianxinUser(rs.getLong("id"),
            rs.getString("username"), rs.getString("password_hash"), rs.getString("display_name"),
            Role.valueOf(rs.getString("role")), rs.getLong("office_id"),
            rs.getObject("official_id") == null ? null : rs.getLong("official_id"), rs.getBoolean("enabled"),
            rs.getLong("security_stamp"));

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    /** Null: nobody told of a bumped stamp (tests without live rooms). */
    private final AccountChanges changes;

    public UserAccounts(JdbcClient jdbc, PasswordEncoder encoder) {
        this(jdbc, encoder, null);
    }

    @Autowired
    public UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, AccountChanges changes) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.changes = changes;
    }

    @Override
    public LianxinUser loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    public Optional<LianxinUser> find(String username) {
        return jdbc.sql("select * from app_user where username = ?").param(username).query(ROW).optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    /** The user's e-mail address for notices, if they have one. */
    public Optional<String> email(String username) {
        return jdbc.sql("select email from app_user where username = ?").param(username).query(String.class)
                .optional();
    }

    /**
     * Sets (or, with null, removes) the user's e-mail address for notices; the caller has checked its form.
     *
     * @return false if there is no such user
     */
    public boolean setEmail(String username, String email) {
        return jdbc.sql("update app_user set email = ? where username = ?").params(email, username).update() == 1;
    }

    /** The enabled users linked to an official (a LEADER or OFFICIAL user has one), by name. */
    public List<String> usernamesOfOfficial(long officialId) {
        return jdbc.sql("select username from app_user where official_id = ? and enabled order by username")
                .param(officialId).query(String.class).list();
    }

    /** Lets the user sign in or not (an evaluator taken out of the pool no longer can); ends their sessions. */
    public boolean setEnabled(String username, boolean enabled) {
        boolean bumped = jdbc.sql("update app_user set enabled = ?, security_stamp = security_stamp + 1 where username = ?")
                .params(enabled, username).update() == 1;
        if (bumped) {
            changed(username);
        }
        return bumped;
    }

    private void changed(String username) {
        if (changes != null) {
            jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).optional()
                    .ifPresent(changes::changed);
        }
    }

    /** Whether {@code rawPassword} is the account's password. */
    public boolean passwordMatches(String username, String rawPassword) {
        return jdbc.sql("select password_hash from app_user where username = ?").param(username).query(String.class)
                .optional().map(hash -> encoder.matches(rawPassword, hash)).orElse(false);
    }

    /**
     * Sets the account's password (hashed here and forgotten) and ends its sessions (bumps its security stamp).
     *
     * @return the account's new security stamp
     */
    public long setPassword(String username, String rawPassword) {
        jdbc.sql("update app_user set password_hash = ?, security_stamp = security_stamp + 1 where username = ?")
                .params(encoder.encode(rawPassword), username).update();
        changed(username);
        return jdbc.sql("select security_stamp from app_user where username = ?").param(username).query(Long.class)
                .single();
    }

    /** Creates a user; the password is hashed here and forgotten. */
    public LianxinUser create(String username, String rawPassword, String displayName, Role role, long officeId,
                              Long officialId) {
        jdbc.sql("insert into app_user (username, password_hash, display_name, role, office_id, official_id, enabled, "
                        + "duty) values (?,?,?,?,?,?,true,?)")
                .params(username, encoder.encode(rawPassword), displayName, role.name(), officeId, officialId,
                        role.isSeparatedDuty() ? role.name() : null)
                .update();
        return loadUserByUsername(username);
    }
}
