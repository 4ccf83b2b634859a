package org.lianxin.supervision.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lianxin.supervision.Trail;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Role;
import org.lianxin.supervision.CaseSupervision;
import org.lianxin.supervision.Evaluation;
import org.lianxin.supervision.EvaluationChannel;
import org.lianxin.supervision.EvaluationDue;
import org.lianxin.supervision.Item;
import org.lianxin.supervision.ItemKind;
import org.lianxin.supervision.NewEvaluation;
import org.lianxin.supervision.ReviewOffer;
import org.lianxin.supervision.SupervisionEvent;
import org.lianxin.supervision.SupervisionEvents;
import org.lianxin.supervision.SupervisionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A matter's trail, its evaluations and its reviews. */
final class JdbcCaseSupervision implements CaseSupervision {
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Matters matters;
    private final Directory directory;
    private final EvaluationRows evaluations;
    private final JdbcInstructions instructions;
    private final ItemViews views;
    private final ItemCreation creation;
    private final Clock clock;
    private final SupervisionEvents events;

    JdbcCaseSupervision(JdbcClient jdbc, TransactionTemplate tx, Matters matters, Directory directory,
                        EvaluationRows evaluations, JdbcInstructions instructions, ItemViews views,
                        ItemCreation creation, Clock clock, SupervisionEvents events) {
        this.events = events;
        this.jdbc = jdbc;
        this.tx = tx;
        this.matters = matters;
        this.directory = directory;
        this.evaluations = evaluations;
        this.instructions = instructions;
        this.views = views;
        this.creation = creation;
        this.clock = clock;
    }

    @Override
    public Trail trail(Actor actor, long caseId) {
        CaseFile matter = matters.visible(actor, caseId);
        List<Item> items = new ArrayList<>();
        for (ItemRow r : jdbc.sql("select * from sv_item where case_id = ? order by created_at, id").param(caseId)
                .query(ItemRow.MAPPER).list()) {
            if (directory.reads(actor, r)) items.add(views.view(actor, r));
        }
        return new Trail(matter, instructions.ofCase(actor, caseId), items, evaluations.ofCase(caseId),
                offer(matter));
    }

    @Override
    public EvaluationDue evaluationDue(Actor actor, long caseId) {
        matters.visible(actor, caseId);
        List<EvaluationDue.PendingReply> replies = new ArrayList<>();
        for (EvaluationRows.ReplyRow r : evaluations.pending(caseId)) {
            replies.add(new EvaluationDue.PendingReply(r.itemId(), directory.ref(r.unitId()), r.text(), r.at()));
        }
        return new EvaluationDue(!replies.isEmpty(), replies);
    }

    @Override
    public Evaluation evaluate(Actor actor, long caseId, NewEvaluation e) {
        CaseFile matter = matters.visible(actor, caseId);
        if (!actor.may(Role.SCHEDULER, Role.ADMIN)) {
            throw new SupervisionException.Forbidden("evaluations are recorded by reception staff");
        }
        if (e.result() == null || e.channel() == null) {
            throw new SupervisionException.Refused("evaluation-invalid", "a result and a channel are required");
        }
        if (e.channel() == EvaluationChannel.KIOSK) {
            if (e.idNumber() == null || e.idNumber().isBlank()) {
                throw new SupervisionException.Refused("id-number-required", "at the terminal the petitioner's "
                        + "ID-card number is checked");
            }
            if (!matters.identityMatches(caseId, e.idNumber())) {
                throw new SupervisionException.Refused("identity-mismatch", "the ID-card number is not the one the "
                        + "case was filed with");
            }
        }
        String note = e.note() == null || e.note().isBlank() ? null : ItemCreation.clip(e.note(), 2000);
        return tx.execute(s -> {
            List<EvaluationRows.ReplyRow> pending = evaluations.pending(caseId);
            if (pending.isEmpty()) {
                throw new SupervisionException.Refused("nothing-to-evaluate", "no reply of this matter awaits an "
                        + "evaluation");
            }
            Instant now = clock.instant();
            long id = evaluations.insert(caseId, e.result(), e.channel(), actor.username(), now, note);
            if (!evaluations.markEvaluated(pending, id)) {
                throw new SupervisionException.Conflict("already-evaluated", "the reply was evaluated meanwhile");
            }
            events.record(new SupervisionEvent.EvaluationGiven(id, caseId, matter.caseNumber(), matter.officeId(),
                    e.result(), e.channel(), pending.stream().map(EvaluationRows.ReplyRow::itemId).distinct().toList(),
                    now));
            return new Evaluation(id, caseId, e.result(), e.channel(), actor.username(), now, note, offer(matter));
        });
    }

    @Override
    public Item requestReview(Actor actor, long caseId, String reason, ItemKind level) {
        CaseFile matter = matters.visible(actor, caseId);
        if (!actor.may(Role.SCHEDULER, Role.ADMIN)) {
            throw new SupervisionException.Forbidden("reviews are asked for through reception staff");
        }
        if (level != ItemKind.REVIEW && level != ItemKind.RE_REVIEW) {
            throw new SupervisionException.Refused("review-level-invalid", "the level is REVIEW or RE_REVIEW");
        }
        if (reason == null || reason.isBlank()) {
            throw new SupervisionException.Refused("reason-required", "a review needs the petitioner's reason");
        }
        return tx.execute(s -> {
            Replied replied = lastEvaluated(matter);
            Instant now = clock.instant();
            LocalDate today = replied == null ? Deadlines.day(now, java.time.ZoneOffset.UTC)
                    : Deadlines.day(now, replied.reply().zone());
            ReviewRules.requireOffered(replied == null ? null : replied.facts(), level, today);
            Office replier = directory.office(replied.reply().unitId());
            Office unit = replier.parentId() == null ? replier : directory.office(replier.parentId());
            Office supervising = unit.parentId() == null ? unit : directory.office(unit.parentId());
            LocalDate opened = Deadlines.day(now, unit.zone());
            String what = level == ItemKind.REVIEW ? "复查 / review" : "复核 / re-review";
            ItemRow row = creation.open(new ItemCreation.Draft(level, matter, null, null, replied.reply().itemId(),
                    unit, supervising, opened, Deadlines.reviewDeadline(opened), true, null, reason.strip(),
                    what + " of the reply of " + replier.name(), what + " of " + replier.name() + "'s reply"),
                    actor.username());
            return views.view(actor, row);
        });
    }

    /** The latest evaluation and the reply it judged. */
    private record Replied(ReviewRules.Facts facts, EvaluationRows.ReplyRow reply) {
    }

    private Replied lastEvaluated(CaseFile matter) {
        Evaluation latest = evaluations.latest(matter.id()).orElse(null);
        if (latest == null) return null;
        EvaluationRows.ReplyRow reply = evaluations.evaluatedBy(matter.id(), latest.id()).stream()
                .max(Comparator.comparing(EvaluationRows.ReplyRow::at)).orElse(null);
        if (reply == null) return null;
        ItemKind next = ReviewRules.nextLevel(reply.kind());
        boolean opened = next != null && evaluations.opened(matter.id(), next, latest.at());
        return new Replied(new ReviewRules.Facts(latest.result(), reply.kind(),
                Deadlines.day(reply.at(), reply.zone()), opened), reply);
    }

    private ReviewOffer offer(CaseFile matter) {
        Replied r = lastEvaluated(matter);
        return r == null ? null : ReviewRules.offer(r.facts(), Deadlines.day(clock.instant(), r.reply().zone()));
    }
}
