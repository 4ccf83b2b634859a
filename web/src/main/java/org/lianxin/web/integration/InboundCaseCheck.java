package org.lianxin.web.integration;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lianxin.scheduler.RuleViolation;

/**
 * The checks of an inbound case row that name the field at fault: each required field is there (control characters
 * are refused for every JSON body by {@code web.input}; the scheduler checks lengths and formats and names its
 * fields).
 */
final class InboundCaseCheck {
    private InboundCaseCheck() {
    }

    static void check(String caseNumber, InboundCasesController.InboundCase body) {
        if (body == null) {
            throw invalid("body", "send the case file as JSON");
        }
        if (body.caseNumber() != null && !body.caseNumber().trim().equals(caseNumber.trim())) {
            throw invalid("caseNumber", "the case number in the body differs from the one in the path");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("caseNumber", caseNumber);
        fields.put("petitionerName", body.petitionerName());
        fields.put("idNumber", body.idNumber());
        fields.put("phone", body.phone());
        fields.put("subject", body.subject());
        fields.put("category", body.category());
        fields.put("officeCode", body.officeCode());
        for (Map.Entry<String, String> f : fields.entrySet()) {
            String v = f.getValue();
            if ((v == null || v.isBlank()) && !f.getKey().equals("phone")) {
                throw invalid(f.getKey(), f.getKey() + " is required");
            }
        }
    }

    private static RuleViolation invalid(String field, String message) {
        return new RuleViolation("case-invalid", message, Map.of("field", field));
    }
}
