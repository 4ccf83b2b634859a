package org.lianxin.supervision.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingEvent;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Role;
import org.lianxin.supervision.Instruction;
import org.lianxin.supervision.Instructions;
import org.lianxin.supervision.Item;
import org.lianxin.supervision.ItemKind;
import org.lianxin.supervision.NewAssignment;
import org.lianxin.supervision.NewInstruction;
import org.lianxin.supervision.NextSteps;
import org.lianxin.supervision.SupervisionEvent;
import org.lianxin.supervision.SupervisionEvents;
import org.lianxin.supervision.SupervisionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** A leader's 处理意见: the instruction and its assignments, written in one transaction. */
final class JdbcInstructions implements Instructions {
    static final Duration AFTER_COMPLETION = Duration.ofHours(24);
    static final int MAX_ASSIGNMENTS = 20;
    static final int MAX_TEXT = 4000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Matters matters;
    private final Directory directory;
    private final ItemCreation creation;
    private final ItemViews views;
    private final Clock clock;
    private final SupervisionEvents events;

    JdbcInstructions(JdbcClient jdbc, TransactionTemplate tx, Matters matters, Directory directory,
                     ItemCreation creation, ItemViews views, Clock clock, SupervisionEvents events) {
        this.events = events;
        this.jdbc = jdbc;
        this.tx = tx;
        this.matters = matters;
        this.directory = directory;
        this.creation = creation;
        this.views = views;
        this.clock = clock;
    }

    private record Row(long id, long bookingId, long caseId, String text, Instant saidAt, String createdBy,
                       Instant createdAt) {
    }

    @Override
    public Instruction give(Actor actor, long bookingId, NewInstruction given) {
        Booking booking = matters.booking(actor, bookingId);
        if (!actor.may(Role.LEADER) || actor.officialId() == null || actor.officialId() != booking.officialId()) {
            throw new SupervisionException.Forbidden("only the leader who hosted the reception gives instructions");
        }
        Instant now = clock.instant();
        requireOpenForInstructions(booking, now);
        String text = given.text() == null || given.text().isBlank() ? null : given.text().strip();
        if (text == null && given.assignments().isEmpty()) {
            throw new SupervisionException.Refused("instruction-empty", "give a text or at least one assignment");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new SupervisionException.Refused("text-too-long", "at most " + MAX_TEXT + " characters",
                    java.util.Map.of("max", MAX_TEXT));
        }
        if (given.assignments().size() > MAX_ASSIGNMENTS) {
            throw new SupervisionException.Refused("too-many-assignments", "at most " + MAX_ASSIGNMENTS
                    + " assignments", java.util.Map.of("max", MAX_ASSIGNMENTS));
        }
        Instant saidAt = given.saidAt() == null ? now : given.saidAt();
        if (saidAt.isAfter(now.plusSeconds(60)) || saidAt.isBefore(booking.start().minus(Duration.ofHours(1)))) {
            throw new SupervisionException.Refused("said-at-invalid", "the instruction's time lies outside the reception");
        }
        CaseFile matter = matters.any(booking.caseId());
        Office leaderOffice = directory.office(actor.officeId());
        List<ItemCreation.Draft> drafts = new ArrayList<>();
        Set<Long> units = new HashSet<>();
        for (NewAssignment a : given.assignments()) {
            Office unit = matters.unitInReach(actor, a.unitOfficeId());
            if (!units.add(unit.id())) {
                throw new SupervisionException.Refused("unit-twice", unit.name() + " is assigned twice");
            }
            LocalDate acceptedOn = Deadlines.day(matter.createdAt(), unit.zone());
            LocalDate deadline = Deadlines.chosenDeadline(a.deadline(), acceptedOn, Deadlines.day(now, unit.zone()));
            String title = text == null ? matter.subject() : text;
            drafts.add(new ItemCreation.Draft(ItemKind.ASSIGNMENT, matter, null, bookingId, null, unit, leaderOffice,
                    acceptedOn, deadline, a.requiresReport(), null, title, text, null));
        }
        return tx.execute(s -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("insert into sv_instruction (booking_id, case_id, text, said_at, created_by, created_at) "
                            + "values (?,?,?,?,?,?)")
                    .params(bookingId, matter.id(), text, Sql.ts(saidAt), actor.username(), Sql.ts(now))
                    .update(key, "id");
            long id = key.getKey().longValue();
            List<Long> itemIds = new ArrayList<>();
            for (ItemCreation.Draft d : drafts) {
                itemIds.add(creation.open(new ItemCreation.Draft(d.kind(), d.matter(), id, d.bookingId(), null, d.unit(),
                        d.supervising(), d.acceptedOn(), d.deadline(), d.requiresReport(), null, d.title(),
                        d.requirements(), "交办 / assigned at reception " + booking.code()), actor.username()).id());
            }
            events.record(new SupervisionEvent.InstructionGiven(id, bookingId, matter.id(), matter.caseNumber(),
                    actor.officeId(), itemIds, now));
            return instruction(actor, row(id));
        });
    }

    /** While the session runs, or within 24 hours after it completed. */
    private void requireOpenForInstructions(Booking b, Instant now) {
        if (b.state() == BookingState.IN_SESSION) return;
        if (b.state() == BookingState.COMPLETED) {
            Instant completed = null;
            for (BookingEvent e : matters.history(b.id())) {
                if (e.kind().equals(BookingState.COMPLETED.name())) completed = e.at();
            }
            if (completed != null && !now.isAfter(completed.plus(AFTER_COMPLETION))) return;
        }
        throw new SupervisionException.Refused("instructions-closed", "instructions are given during the reception "
                + "or within 24 hours after it ended", java.util.Map.of("hours", AFTER_COMPLETION.toHours()));
    }

    @Override
    public List<Instruction> ofBooking(Actor actor, long bookingId) {
        matters.booking(actor, bookingId);
        List<Instruction> result = new ArrayList<>();
        for (Row r : rows("where booking_id = ?", bookingId)) result.add(instruction(actor, r));
        return result;
    }

    /** The case's instructions, oldest first, for its trail; the caller checked the actor sees the case. */
    List<Instruction> ofCase(Actor actor, long caseId) {
        List<Instruction> result = new ArrayList<>();
        for (Row r : rows("where case_id = ?", caseId)) result.add(instruction(actor, r));
        return result;
    }

    @Override
    public NextSteps nextSteps(Actor actor, long bookingId) {
        Booking booking = matters.booking(actor, bookingId);
        List<NextSteps.Step> steps = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Row r : rows("where booking_id = ?", bookingId)) {
            if (r.text() != null) texts.add(r.text());
            for (ItemRow item : itemRows(r.id())) {
                steps.add(new NextSteps.Step(directory.ref(item.unitId()), item.deadline(), item.requiresReport()));
            }
        }
        return new NextSteps(booking.caseNumber(), steps, texts.isEmpty() ? null : String.join("\n", texts));
    }

    private Row row(long id) {
        return rows("where id = ?", id).get(0);
    }

    private List<Row> rows(String where, long param) {
        return jdbc.sql("select * from sv_instruction " + where + " order by id").param(param)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("booking_id"), rs.getLong("case_id"),
                        rs.getString("text"), Sql.instant(rs, "said_at"), rs.getString("created_by"),
                        Sql.instant(rs, "created_at"))).list();
    }

    private List<ItemRow> itemRows(long instructionId) {
        return jdbc.sql("select * from sv_item where instruction_id = ? order by id").param(instructionId)
                .query(ItemRow.MAPPER).list();
    }

    private Instruction instruction(Actor actor, Row r) {
        List<Item> items = new ArrayList<>();
        for (ItemRow item : itemRows(r.id())) {
            if (directory.reads(actor, item)) items.add(views.view(actor, item));
        }
        return new Instruction(r.id(), r.bookingId(), r.caseId(), r.text(), r.saidAt(), r.createdBy(), r.createdAt(),
                items);
    }
}
