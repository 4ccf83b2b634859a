package org.lianxin.reports.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lianxin.reports.BulletinInfo;
import org.lianxin.reports.Period;
import org.lianxin.reports.StoredPdf;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The table {@code report_bulletin}: one row per office, kind and period; the PDF in the row. */
final class BulletinStore {
    private static final String INFO = "select b.id, b.office_id, o.code, o.name, b.kind, b.period, b.generated_at,"
            + " b.generated_by, b.size, b.sha256 from report_bulletin b join office o on o.id = b.office_id";
    private final JdbcClient jdbc;

    BulletinStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores it unless the office's period is stored already; the stored row either way. */
    BulletinInfo insertIfAbsent(long officeId, Period period, Instant at, String by, byte[] pdf, String sha256) {
        Optional<BulletinInfo> existing = find(officeId, period);
        if (existing.isPresent()) return existing.get();
        try {
            jdbc.sql("insert into report_bulletin (office_id, kind, period, generated_at, generated_by, size, sha256,"
                    + " pdf) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(officeId, period.kind().name(), period.key(), Timestamp.from(at), by, pdf.length, sha256,
                            pdf)
                    .update();
        } catch (DuplicateKeyException raced) {
            // another node stored the same office and period in the meantime: theirs stands
        }
        return find(officeId, period).orElseThrow();
    }

    Optional<BulletinInfo> find(long officeId, Period period) {
        return jdbc.sql(INFO + " where b.office_id = ? and b.kind = ? and b.period = ?")
                .params(officeId, period.kind().name(), period.key()).query(BulletinStore::info).optional();
    }

    List<BulletinInfo> list(long officeId) {
        return jdbc.sql(INFO + " where b.office_id = ? order by b.period desc, b.kind, b.id").param(officeId)
                .query(BulletinStore::info).list();
    }

    Optional<StoredPdf> get(long id) {
        Optional<BulletinInfo> info = jdbc.sql(INFO + " where b.id = ?").param(id).query(BulletinStore::info)
                .optional();
        if (info.isEmpty()) return Optional.empty();
        byte[] pdf = jdbc.sql("select pdf from report_bulletin where id = ?").param(id)
                .query((rs, n) -> rs.getBytes(1)).single();
        return Optional.of(new StoredPdf(info.get(), pdf));
    }

    private static BulletinInfo info(ResultSet rs, int n) throws SQLException {
        return new BulletinInfo(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                Period.Kind.valueOf(rs.getString(5)), rs.getString(6), rs.getTimestamp(7).toInstant(),
                rs.getString(8), rs.getInt(9), rs.getString(10));
    }
}
