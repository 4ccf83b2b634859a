package org.lianxin.web.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.servlet.http.HttpServletRequest;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CasePersonalData;
import org.lianxin.scheduler.FullValue;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.SchedulerException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case file's full ID or phone number, asked for with a reason. Who may: {@link CasePersonalData#MAY_UNMASK}, in
 * the subtree that holds the case. Every request — shown, refused, or asked for badly — is one audit entry
 * ({@code personal-data.unmask}: case, field, reason, outcome); a value is answered only once its entry is committed,
 * and never cached ({@code Cache-Control: no-store}).
 */
@Tag(name = "Cases")
@RestController
@RequestMapping("/api/v1/cases")
class PersonalDataController {
    /** How long a page shows the full number before masking it again. */
    static final int SHOW_SECONDS = 60;

    private final CasePersonalData personalData;
    private final UnmaskAudit audit;

    PersonalDataController(CasePersonalData personalData, UnmaskAudit audit) {
        this.personalData = personalData;
        this.audit = audit;
    }

    /** Which number, and why it is needed (4–200 characters, one line). */
    record UnmaskRequest(
            @Schema(description = "which number", allowableValues = {"idNumber", "phone"},
                    requiredMode = Schema.RequiredMode.REQUIRED) String field,
            @Schema(description = "why it is needed, written to the audit trail (one line)", minLength = 4,
                    maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
    }

    /**
     * @param value         the full number, or null if not stored ({@code stored} false): a case filed before full
     *                      numbers were kept encrypted, or a phone never given
     * @param showForSeconds how long a page shows it before masking it again
     */
    record Unmasked(long caseId, String field, String masked, String value, boolean stored, int showForSeconds) {
        @Override
        public String toString() { // never the number
            return "Unmasked[case " + caseId + ", " + field + ", stored=" + stored + "]";
        }
    }

    @Operation(summary = "Show a case file's full ID or phone number, with a reason (audited)",
            description = "Only for SCHEDULER, LEADER and OFFICIAL users of an office whose subtree holds the case. "
                    + "Each request, allowed or refused, is written to the audit trail with its reason; the answer is "
                    + "not cached. `stored` is false for a case file written before full numbers were kept "
                    + "encrypted: only the masked form exists.")
    @PostMapping("/{id}/personal-data")
    ResponseEntity<Unmasked> unmask(Actor actor, @PathVariable long id, @RequestBody UnmaskRequest body,
                                    HttpServletRequest request) {
        UnmaskAudit.Asked asked = UnmaskAudit.Asked.of(body);
        try { // who may, first: a refused role or jurisdiction learns nothing of how its request would be judged
            personalData.requireMayReveal(actor, id);
        } catch (SchedulerException e) {
            if (e instanceof NotFound) {
                audit.failed(request, id, asked, e.rule());
            } else {
                audit.denied(request, id, asked, e.rule());
            }
            throw e;
        }
        if (asked.problem() != null) {
            audit.failed(request, id, asked, asked.rule());
            throw asked.problem();
        }
        FullValue full = personalData.reveal(actor, id, asked.field());
        audit.allowed(request, id, asked, full.stored()); // committed before the value leaves
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                .body(new Unmasked(id, full.field().code(), full.masked(), full.value(), full.stored(), SHOW_SECONDS));
    }
}
