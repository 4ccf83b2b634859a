package org.lianxin.supervision.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.lianxin.supervision.ItemKind;
import org.lianxin.supervision.ItemState;
import org.lianxin.supervision.OrderMode;
import org.springframework.jdbc.core.RowMapper;

/** A row of {@code sv_item}. */
record ItemRow(long id, String number, ItemKind kind, ItemState state, long caseId, String caseNumber,
               String caseSubject, String category, Long instructionId, Long bookingId, Long relatedItemId,
               long unitId, String unitPath, long supervisingId, String supervisingPath, Long escalatedToId,
               ZoneId zone, LocalDate acceptedOn, LocalDate deadline, Instant dueAt, boolean requiresReport,
               OrderMode mode, String title, String requirements, String createdBy, Instant createdAt, int version) {

    static final RowMapper<ItemRow> MAPPER = (rs, n) -> new ItemRow(rs.getLong("id"), rs.getString("number"),
            ItemKind.valueOf(rs.getString("kind")), ItemState.valueOf(rs.getString("state")), rs.getLong("case_id"),
            rs.getString("case_number"), rs.getString("case_subject"), rs.getString("category"),
            Sql.nullableLong(rs, "instruction_id"), Sql.nullableLong(rs, "booking_id"),
            Sql.nullableLong(rs, "related_item_id"), rs.getLong("unit_office_id"), rs.getString("unit_path"),
            rs.getLong("supervising_office_id"), rs.getString("supervising_path"),
            Sql.nullableLong(rs, "escalated_to_office_id"), ZoneId.of(rs.getString("zone")),
            Sql.date(rs, "accepted_on"), Sql.date(rs, "deadline"), Sql.instant(rs, "due_at"),
            rs.getBoolean("requires_report"), rs.getString("mode") == null ? null : OrderMode.valueOf(rs.getString("mode")),
            rs.getString("title"), rs.getString("requirements"), rs.getString("created_by"),
            Sql.instant(rs, "created_at"), rs.getInt("version"));

    boolean overdue(Instant now) {
        return state.open() && Deadlines.overdue(dueAt, now);
    }
}
