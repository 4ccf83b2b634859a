package org.lianxin.supervision.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingQuery;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.Office;
import org.lianxin.supervision.Escalations;
import org.lianxin.supervision.Evaluation;
import org.lianxin.supervision.EvaluationResult;
import org.lianxin.supervision.Item;
import org.lianxin.supervision.ItemKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Gathers the facts of a held reception for {@link EscalationRules} and opens the ESCALATION item. */
final class JdbcEscalations implements Escalations {
    private static final Logger log = LoggerFactory.getLogger(JdbcEscalations.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Cases cases;
    private final Bookings bookings;
    private final Directory directory;
    private final EvaluationRows evaluations;
    private final ItemCreation creation;
    private final ItemViews views;
    private final Clock clock;

    JdbcEscalations(JdbcClient jdbc, TransactionTemplate tx, Cases cases, Bookings bookings, Directory directory,
                    EvaluationRows evaluations, ItemCreation creation, ItemViews views, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.cases = cases;
        this.bookings = bookings;
        this.directory = directory;
        this.evaluations = evaluations;
        this.creation = creation;
        this.views = views;
        this.clock = clock;
    }

    @Override
    public Optional<Item> receptionHeld(long bookingId) {
        Actor system = directory.system();
        Booking held = bookings.get(system, bookingId);
        CaseFile matter = cases.get(system, held.caseId());
        Office office = directory.office(matter.officeId());
        Office above = office.parentId() == null ? null : directory.office(office.parentId());
        Map<Long, CaseFile> sameProblem = new LinkedHashMap<>();
        sameProblem.put(matter.id(), matter);
        for (CaseFile c : cases.samePetitioner(matter.id())) {
            if (c.category().equals(matter.category()) && c.officeId() == matter.officeId()) sameProblem.put(c.id(), c);
        }
        return tx.execute(s -> {
            List<EscalationRules.Matter> matters = new ArrayList<>();
            List<String> history = new ArrayList<>();
            for (CaseFile c : sameProblem.values()) {
                List<Booking> before = new ArrayList<>();
                for (Booking b : bookings.list(system, new BookingQuery(null, null, null, c.id(), null, null, null))) {
                    if (b.id() != bookingId && b.start().isBefore(held.start()) && wasHeld(b.state())) before.add(b);
                }
                Evaluation last = evaluations.latest(c.id()).orElse(null);
                boolean unsatisfied = last != null && last.result() == EvaluationResult.UNSATISFIED;
                matters.add(new EscalationRules.Matter(c.id(), !before.isEmpty(), c.status() == CaseStatus.CLOSED,
                        unsatisfied));
                for (Booking b : before) {
                    history.add(c.caseNumber() + " " + DAY.format(Deadlines.day(b.start(), office.zone())) + " 接访 / "
                            + "received (" + b.code() + ", " + b.officialName() + ")");
                }
                if (last != null) history.add(c.caseNumber() + " 评价 / evaluated: " + last.result());
                history.addAll(itemLines(c.id()));
            }
            boolean holds = above != null && aboveHolds(sameProblem.keySet(), above);
            if (!EscalationRules.escalates(new EscalationRules.Facts(matters, above == null ? null : above.id(),
                    holds))) {
                return Optional.<Item>empty();
            }
            LocalDate today = Deadlines.day(clock.instant(), office.zone());
            String attached = String.join("\n", history);
            ItemRow row = creation.open(new ItemCreation.Draft(ItemKind.ESCALATION, matter, null, bookingId, null,
                    office, above, today, Deadlines.handlingDeadline(today), true, null,
                    "重复信访 / raised again: " + matter.subject(), attached, attached), "system");
            log.info("case {}: raised again at booking {}; escalated to {} as {}", matter.caseNumber(), bookingId,
                    above.code(), row.number());
            return Optional.of(views.view(null, row));
        });
    }

    private static boolean wasHeld(BookingState state) {
        return state == BookingState.COMPLETED || state == BookingState.IN_SESSION
                || state == BookingState.INTERRUPTED;
    }

    /** An open item of the matter supervised at the level above or higher, or assigned to it. */
    private boolean aboveHolds(Iterable<Long> caseIds, Office above) {
        for (long caseId : caseIds) {
            long n = jdbc.sql("select count(*) from sv_item where case_id = ? and state <> 'COMPLETED' and "
                            + "(unit_office_id = ? or ? like supervising_path || '%')")
                    .params(caseId, above.id(), above.path()).query(Long.class).single();
            if (n > 0) return true;
        }
        return false;
    }

    private List<String> itemLines(long caseId) {
        return jdbc.sql("select number, state, unit_office_id from sv_item where case_id = ? order by id")
                .param(caseId).query((rs, n) -> rs.getString("number") + " " + rs.getString("state") + " ("
                        + directory.office(rs.getLong("unit_office_id")).name() + ")").list();
    }
}
