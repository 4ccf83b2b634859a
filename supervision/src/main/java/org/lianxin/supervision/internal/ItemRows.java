package org.lianxin.supervision.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lianxin.supervision.Extension;
import org.lianxin.supervision.ExtensionState;
import org.lianxin.supervision.HistoryEntry;
import org.lianxin.supervision.HistoryKind;
import org.lianxin.supervision.ItemState;
import org.lianxin.supervision.Reply;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The SQL of items and what hangs on them: history, the extension, replies and their documents. */
final class ItemRows {
    private final JdbcClient jdbc;

    ItemRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ItemRow> find(long id) {
        return jdbc.sql("select * from sv_item where id = ?").param(id).query(ItemRow.MAPPER).optional();
    }

    /** The row, locked until the transaction ends: acts on one item queue. */
    Optional<ItemRow> lock(long id) {
        return jdbc.sql("select * from sv_item where id = ? for update").param(id).query(ItemRow.MAPPER).optional();
    }

    long insert(ItemRow r) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into sv_item (number, kind, state, case_id, case_number, case_subject, category, "
                        + "instruction_id, booking_id, related_item_id, unit_office_id, unit_path, supervising_office_id, "
                        + "supervising_path, zone, accepted_on, deadline, due_at, requires_report, mode, title, "
                        + "requirements, created_by, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(r.number(), r.kind().name(), r.state().name(), r.caseId(), r.caseNumber(), r.caseSubject(),
                        r.category(), r.instructionId(), r.bookingId(), r.relatedItemId(), r.unitId(), r.unitPath(),
                        r.supervisingId(), r.supervisingPath(), r.zone().getId(), r.acceptedOn(), r.deadline(),
                        Sql.ts(r.dueAt()), r.requiresReport(), r.mode() == null ? null : r.mode().name(), r.title(),
                        r.requirements(), r.createdBy(), Sql.ts(r.createdAt()))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * Moves the item on; refuses (returns false) if somebody changed it since {@code version}. Entering COMPLETED
     * records {@code at} as its completion (statistics count a completion in the period it happened).
     */
    boolean update(long id, int version, ItemState state, LocalDate deadline, Instant dueAt, Instant at) {
        return jdbc.sql("update sv_item set state = ?, deadline = ?, due_at = ?, completed_at = case when ? then "
                        + "coalesce(completed_at, ?) else completed_at end, version = version + 1 "
                        + "where id = ? and version = ?")
                .params(state.name(), deadline, Sql.ts(dueAt), state == ItemState.COMPLETED, Sql.ts(at), id, version)
                .update() == 1;
    }

    void escalate(long id, long officeId, String officePath) {
        jdbc.sql("update sv_item set escalated_to_office_id = ?, escalated_to_path = ?, version = version + 1 "
                + "where id = ?").params(officeId, officePath, id).update();
    }

    void history(long itemId, Instant at, HistoryKind kind, String actor, String text) {
        jdbc.sql("insert into sv_history (item_id, at, kind, actor, text) values (?,?,?,?,?)")
                .params(itemId, Sql.ts(at), kind.name(), actor, text).update();
    }

    List<HistoryEntry> history(long itemId) {
        return jdbc.sql("select * from sv_history where item_id = ? order by id").param(itemId)
                .query((rs, n) -> new HistoryEntry(Sql.instant(rs, "at"), HistoryKind.valueOf(rs.getString("kind")),
                        rs.getString("actor"), rs.getString("text"))).list();
    }

    Optional<Extension> extension(long itemId) {
        return jdbc.sql("select * from sv_extension where item_id = ?").param(itemId)
                .query((rs, n) -> new Extension(rs.getInt("days"), rs.getString("reason"),
                        ExtensionState.valueOf(rs.getString("state")), Sql.instant(rs, "requested_at"),
                        rs.getString("requested_by"), rs.getString("decided_by"), Sql.instant(rs, "decided_at"),
                        rs.getString("note"))).optional();
    }

    void requestExtension(long itemId, int days, String reason, Instant at, String by) {
        jdbc.sql("insert into sv_extension (item_id, days, reason, state, requested_at, requested_by) "
                + "values (?,?,?,'PENDING',?,?)").params(itemId, days, reason, Sql.ts(at), by).update();
    }

    void decideExtension(long itemId, ExtensionState state, String by, Instant at, String note) {
        jdbc.sql("update sv_extension set state = ?, decided_by = ?, decided_at = ?, note = ? where item_id = ?")
                .params(state.name(), by, Sql.ts(at), note, itemId).update();
    }

    void reply(long itemId, String text, String report, List<Long> documentIds, Instant at, String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into sv_reply (item_id, text, completion_report, at, by_user) values (?,?,?,?,?)")
                .params(itemId, text, report, Sql.ts(at), by).update(key, "id");
        long replyId = key.getKey().longValue();
        for (int i = 0; i < documentIds.size(); i++) {
            jdbc.sql("insert into sv_reply_document (reply_id, document_id, position) values (?,?,?)")
                    .params(replyId, documentIds.get(i), i).update();
        }
    }

    /** The latest reply. */
    Optional<Reply> reply(long itemId) {
        return jdbc.sql("select * from sv_reply where item_id = ? order by id desc fetch first 1 rows only")
                .param(itemId).query((rs, n) -> new Object[]{rs.getLong("id"), rs.getString("text"),
                        rs.getString("completion_report"), Sql.instant(rs, "at"), rs.getString("by_user")})
                .optional().map(r -> new Reply((String) r[1], (String) r[2], documents((Long) r[0]), (Instant) r[3],
                        (String) r[4]));
    }

    /** The items with a reply (any, also an earlier one returned for redo) that attaches the document. */
    List<Long> itemsWithDocument(long documentId) {
        return jdbc.sql("select distinct r.item_id from sv_reply r join sv_reply_document d on d.reply_id = r.id "
                + "where d.document_id = ? order by r.item_id").param(documentId).query(Long.class).list();
    }

    private List<Long> documents(long replyId) {
        return new ArrayList<>(jdbc.sql("select document_id from sv_reply_document where reply_id = ? order by position")
                .param(replyId).query(Long.class).list());
    }
}
