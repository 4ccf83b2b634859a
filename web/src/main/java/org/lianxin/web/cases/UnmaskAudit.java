package org.lianxin.web.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.scheduler.PersonalField;
import org.lianxin.web.audit.AuditTrail;
import org.lianxin.web.audit.AuditedHere;
import org.lianxin.web.input.InputRefused;
import org.lianxin.web.input.TextInput;
import org.springframework.stereotype.Component;

/**
 * The audit entries of unmasking: one per request, {@code personal-data.unmask} on the case with the field, the reason
 * (when it is a valid one) and the outcome; a refusal is marked so that the request filter adds no second entry.
 */
@Component
class UnmaskAudit {
    static final int REASON_MIN = 4;
    static final int REASON_MAX = 200;

    private final AuditTrail trail;

    UnmaskAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** A request as asked: the field and reason if valid, else the problem to answer. */
    record Asked(PersonalField field, String fieldAsked, String reason, RuntimeException problem, String rule) {
        static Asked of(PersonalDataController.UnmaskRequest body) {
            String fieldAsked = body == null ? null : body.field();
            PersonalField field = fieldAsked == null ? null : PersonalField.ofCode(fieldAsked).orElse(null);
            if (field == null) {
                return refused(null, fieldAsked, UnmaskRefused.field());
            }
            String reason = body.reason() == null ? "" : body.reason().trim();
            if (reason.length() < REASON_MIN || reason.length() > REASON_MAX) {
                return refused(field, fieldAsked, UnmaskRefused.reason(REASON_MIN, REASON_MAX));
            }
            try {
                TextInput.check(reason, false);
            } catch (InputRefused e) { // the JSON reader refuses these already; kept for a reason from elsewhere
                InputRefused named = e.of("reason");
                return new Asked(field, fieldAsked, null, named, named.rule());
            }
            return new Asked(field, fieldAsked, reason, null, null);
        }

        private static Asked refused(PersonalField field, String fieldAsked, UnmaskRefused problem) {
            return new Asked(field, fieldAsked, null, problem, problem.rule());
        }
    }

    void allowed(HttpServletRequest request, long caseId, Asked asked, boolean stored) {
        Map<String, String> details = details(asked);
        details.put("stored", Boolean.toString(stored));
        AuditedHere.mark(request);
        trail.record(AuditAction.PERSONAL_DATA_UNMASK, "case", Long.toString(caseId), AuditOutcome.ALLOWED, request,
                details);
    }

    void denied(HttpServletRequest request, long caseId, Asked asked, String rule) {
        refused(request, caseId, asked, rule, AuditOutcome.DENIED);
    }

    void failed(HttpServletRequest request, long caseId, Asked asked, String rule) {
        refused(request, caseId, asked, rule, AuditOutcome.FAILED);
    }

    private void refused(HttpServletRequest request, long caseId, Asked asked, String rule, AuditOutcome outcome) {
        Map<String, String> details = details(asked);
        details.put("rule", rule);
        AuditedHere.mark(request);
        trail.record(AuditAction.PERSONAL_DATA_UNMASK, "case", Long.toString(caseId), outcome, request, details);
    }

    private static Map<String, String> details(Asked asked) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("field", asked.field() != null ? asked.field().code()
                : asked.fieldAsked() == null ? "" : clip(asked.fieldAsked()));
        if (asked.reason() != null) details.put("reason", asked.reason());
        return details;
    }

    /** A field name as asked, cut and without control characters (it was refused, but is worth seeing). */
    private static String clip(String s) {
        String cut = s.length() > 32 ? s.substring(0, 32) : s;
        return cut.replaceAll("\\p{Cc}", "?");
    }
}
