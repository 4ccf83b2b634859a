package org.lianxin.web.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.lianxin.notification.Addressee;
import org.lianxin.notification.Directory;
import org.lianxin.notification.Recipient;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The notification module's {@link Directory} over {@code app_user}: enabled users, their e-mail where they set one. */
final class AppUserDirectory implements Directory {
    private static final RowMapper<Addressee> ADDRESSEE = (rs, n) -> new Addressee(rs.getString("username"),
            rs.getString("display_name"), rs.getString("email"));

    private final JdbcClient jdbc;

    AppUserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Addressee> resolve(Recipient recipient) {
        if (recipient instanceof Recipient.User u) {
            return jdbc.sql("select username, display_name, email from app_user where username = ? and enabled")
                    .param(u.username()).query(ADDRESSEE).list();
        }
        Recipient.OfficeStaff staff = (Recipient.OfficeStaff) recipient;
        List<Object> params = new ArrayList<>();
        params.add(staff.officeId());
        staff.roles().forEach(r -> params.add(r.name()));
        return jdbc.sql("select username, display_name, email from app_user where office_id = ? and enabled"
                        + " and role in (" + String.join(",", Collections.nCopies(staff.roles().size(), "?")) + ")"
                        + " order by username")
                .params(params).query(ADDRESSEE).list();
    }

    @Override
    public OptionalLong officeOf(Recipient recipient) {
        if (recipient instanceof Recipient.OfficeStaff staff) {
            return OptionalLong.of(staff.officeId());
        }
        return jdbc.sql("select office_id from app_user where username = ?")
                .param(((Recipient.User) recipient).username()).query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** The enabled users linked to these officials (LEADER and OFFICIAL users have one), by official. */
    Map<Long, List<String>> usernamesOfOfficials(Collection<Long> officialIds) {
        if (officialIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<String>> byOfficial = new java.util.HashMap<>();
        jdbc.sql("select official_id, username from app_user where enabled and official_id in ("
                        + String.join(",", Collections.nCopies(officialIds.size(), "?")) + ") order by username")
                .params(new ArrayList<>(officialIds))
                .query((rs, n) -> byOfficial.computeIfAbsent(rs.getLong("official_id"), k -> new ArrayList<>())
                        .add(rs.getString("username")))
                .list();
        return byOfficial;
    }

}
