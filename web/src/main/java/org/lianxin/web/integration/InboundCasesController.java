package org.lianxin.web.integration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseUpsert;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.web.problem.Problems;
import org.lianxin.web.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The petition information system (信访信息系统) creates or updates a case file by its own case number, so bookings
 * start from the case of record: {@code PUT /api/v1/integration/cases/{caseNumber}}, signed (only
 * {@link InboundSignatureFilter} lets a request through). Idempotent: the same number twice is one case file. The
 * {@code webhook-id} is recorded in the same transaction as the change ({@link InboundReplays}). A bad field is a 422
 * problem naming it ({@code field}). Every request is one entry of the audit trail ({@link InboundAudit}): applied
 * (created or updated, in the change's transaction), replayed, or refused with its rule.
 */
@RestController
@RequestMapping("/api/v1/integration")
@Tag(name = "Integration", description = "Requests in from the petition information system, signed like the"
        + " webhooks (Standard Webhooks).")
class InboundCasesController {
    private static final Logger log = LoggerFactory.getLogger(InboundCasesController.class);
    static final String ACTOR = "integration:petition-system";

    /**
     * A case file as the petition information system sends it. {@code caseNumber} may be left out; if given it must
     * be the one in the path. The ID-card number is hashed and masked on the way in and then forgotten.
     */
    record InboundCase(String caseNumber, String petitionerName, String idNumber, String phone, String subject,
                       String category, String officeCode) {
        @Override
        public String toString() { // never print personal data
            return "InboundCase[" + caseNumber + "]";
        }
    }

    /** What was done: no personal data comes back. */
    record CaseAnswer(long id, String caseNumber, long officeId, String officeCode, String status, boolean created) {
    }

    private final Cases cases;
    private final Offices offices;
    private final SystemActor system;
    private final InboundReplays replays;
    private final InboundAudit audit;
    private final TransactionTemplate tx;

    InboundCasesController(Cases cases, Offices offices, SystemActor system, InboundReplays replays,
                           InboundAudit audit, PlatformTransactionManager transactions) {
        this.audit = audit;
        this.cases = cases;
        this.offices = offices;
        this.system = system;
        this.replays = replays;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A {@code webhook-id} seen before: the transaction is undone (nothing applied twice). */
    private static final class Replayed extends RuntimeException {
        Replayed() {
            super(null, null, false, false);
        }
    }

    @Operation(summary = "Create or update a case file by the petition information system's case number")
    @PutMapping("/cases/{caseNumber}")
    ResponseEntity<?> upsert(@PathVariable String caseNumber, @RequestBody InboundCase body,
                             HttpServletRequest request) {
        String messageId = (String) request.getAttribute(InboundSignatureFilter.MESSAGE_ID);
        String by = (String) request.getAttribute(InboundSignatureFilter.ACTOR);
        String number = InboundAudit.caseNumberOf(request);
        try {
            return apply(caseNumber, body, request, messageId, by);
        } catch (SchedulerException e) {
            // a bad row, an unknown office or a conflict: nothing was written; the trail says so, then the problem
            audit.badRow(request, by, number, statusOf(e), e.rule(), e.facts().get("field"), messageId);
            throw e;
        }
    }

    private ResponseEntity<?> apply(String caseNumber, InboundCase body, HttpServletRequest request,
                                    String messageId, String by) {
        InboundCaseCheck.check(caseNumber, body);
        Office office;
        try {
            office = offices.byCode(body.officeCode().trim());
        } catch (NotFound e) {
            throw new RuleViolation("case-invalid", "no office has the code " + body.officeCode().trim(),
                    Map.of("field", "officeCode"));
        }
        Actor actor = new Actor(ACTOR, Role.SCHEDULER, system.get().officeId(), null);
        NewCase row = new NewCase(caseNumber.trim(), body.petitionerName(), body.idNumber(), body.phone(),
                body.subject(), body.category(), office.code());
        CaseUpsert done;
        try {
            done = tx.execute(s -> {
                if (!replays.firstUse(messageId)) throw new Replayed();
                CaseUpsert upserted = cases.upsert(actor, row);
                audit.applied(request, by, upserted.caseFile().caseNumber(), upserted.caseFile().id(),
                        upserted.created(), messageId);
                return upserted;
            });
        } catch (Replayed e) {
            return replayed(caseNumber.trim(), actor, request, messageId, by);
        }
        CaseFile c = done.caseFile();
        log.info("inbound case {} {} (case file {}, office {})", c.caseNumber(), done.created() ? "created"
                : "updated", c.id(), office.code());
        CaseAnswer answer = new CaseAnswer(c.id(), c.caseNumber(), c.officeId(), office.code(), c.status().name(),
                done.created());
        return done.created()
                ? ResponseEntity.created(URI.create("/api/v1/cases/" + c.id())).body(answer)
                : ResponseEntity.ok(answer);
    }

    /**
     * The id is the message's idempotency key (Standard Webhooks): a sender that never got our answer sends the same
     * message again with the same id — it was applied once and is not applied again (a replay by someone else
     * changes nothing either); the answer says how the case file stands.
     */
    private ResponseEntity<?> replayed(String caseNumber, Actor actor, HttpServletRequest request, String messageId,
                                       String by) {
        log.info("inbound case {}: webhook-id seen before, already applied, not applied again", caseNumber);
        CaseFile now = cases.byNumber(actor, caseNumber).orElse(null);
        if (now == null) {
            audit.replayed(request, by, caseNumber, HttpStatus.CONFLICT.value(), messageId);
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(HttpStatus.CONFLICT,
                    "inbound-replayed", "this webhook-id was used for another case number: each message needs"
                            + " an id of its own"));
        }
        audit.replayed(request, by, caseNumber, HttpStatus.OK.value(), messageId);
        return ResponseEntity.ok().header("webhook-already-applied", "true").body(new CaseAnswer(now.id(),
                now.caseNumber(), now.officeId(), offices.get(now.officeId()).code(), now.status().name(), false));
    }

    /** The status the problem handler gives a module's refusal. */
    private static int statusOf(SchedulerException e) {
        if (e instanceof NotFound) return 404;
        if (e instanceof Conflict) return 409;
        if (e instanceof OutOfJurisdiction) return 403;
        return e instanceof RuleViolation ? 422 : 400;
    }
}
