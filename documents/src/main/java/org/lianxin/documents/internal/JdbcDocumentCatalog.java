package org.lianxin.documents.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.lianxin.documents.DocumentCatalog;
import org.lianxin.documents.DocumentInfo;
import org.lianxin.documents.DocumentType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The catalog in the application's database (PostgreSQL or H2; portable SQL; V9__documents.sql). */
public final class JdbcDocumentCatalog implements DocumentCatalog {

    private static final String COLUMNS =
            "id, name, type, size_bytes, sha256, object_key, uploaded_by, office_id, uploaded_at";
    private static final int REMOTE_ADDR_MAX = 64;

    private final JdbcClient jdbc;

    public JdbcDocumentCatalog(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public DocumentInfo add(NewDocument d) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into document (name, type, size_bytes, sha256, object_key, uploaded_by, office_id, uploaded_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.name(), d.type().name(), d.size(), d.sha256(), d.objectKey(), d.uploadedBy(), d.officeId(),
                        ts(d.uploadedAt()))
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        return find(id).orElseThrow();
    }

    @Override
    public Optional<DocumentInfo> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from document where id = ?").param(id).query(this::document).optional();
    }

    @Override
    public boolean holds(String objectKey) {
        return jdbc.sql("select count(*) from document where object_key = ?").param(objectKey).query(Long.class)
                .single() > 0;
    }

    @Override
    public void recordDownload(Download d) {
        String addr = d.remoteAddr() == null || d.remoteAddr().length() <= REMOTE_ADDR_MAX ? d.remoteAddr()
                : d.remoteAddr().substring(0, REMOTE_ADDR_MAX);
        jdbc.sql("insert into document_download (document_id, at, username, remote_addr) values (?, ?, ?, ?)")
                .params(d.documentId(), ts(d.at()), d.username(), addr).update();
    }

    @Override
    public List<Download> downloads(long documentId) {
        return jdbc.sql("select document_id, at, username, remote_addr from document_download where document_id = ?"
                        + " order by id")
                .param(documentId)
                .query((rs, n) -> new Download(rs.getLong("document_id"), rs.getString("username"), instant(rs, "at"),
                        rs.getString("remote_addr")))
                .list();
    }

    private DocumentInfo document(ResultSet rs, int row) throws SQLException {
        return new DocumentInfo(rs.getLong("id"), rs.getString("name"), DocumentType.valueOf(rs.getString("type")),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("object_key"),
                rs.getString("uploaded_by"), rs.getLong("office_id"), instant(rs, "uploaded_at"));
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
