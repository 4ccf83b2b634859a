package org.lianxin.web.integration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.web.audit.AuditTrail;
import org.lianxin.web.security.SystemActor;
import org.lianxin.webhooks.WebhookSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trail of the inbound API: every signed request of the petition information system is one
 * {@code integration.case-upsert} entry, the system as the actor ({@code integration:<key id>}, the key id being a
 * fingerprint of the secret that verified the signature, never the secret; {@code integration:unverified} when none
 * did), acting for the root office; the object is the case number; the details say what happened
 * ({@code created}, {@code updated}, {@code replayed}, {@code refused}), the HTTP status and the refusal's rule and
 * field. An applied change is recorded inside its transaction (a change the trail could not record is rolled back);
 * refusals, which change nothing, are recorded on their own and a trail that is down is logged loudly. No personal
 * data goes in: the case number and the case file's id only.
 */
final class InboundAudit {
    private static final Logger log = LoggerFactory.getLogger(InboundAudit.class);
    static final String UNVERIFIED = "integration:unverified";
    private static final int MAX_OBJECT_ID = 100;
    /** Set on a request once its entry was written (or tried): the gate then writes no second one. */
    static final String AUDITED = InboundAudit.class.getName() + ".audited";

    private final AuditTrail trail;
    private final SystemActor system;

    InboundAudit(AuditTrail trail, SystemActor system) {
        this.trail = trail;
        this.system = system;
    }

    /** The actor name of requests signed with {@code secret}: {@code integration:} and 16 hex digits of its SHA-256. */
    static String actorOf(WebhookSecret secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.reveal().getBytes(StandardCharsets.UTF_8));
            return "integration:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A change carried out: call inside its transaction, so that it is undone if this entry cannot be written. */
    void applied(HttpServletRequest request, String actor, String caseNumber, long caseFileId, boolean created,
                 String messageId) {
        Map<String, String> details = details(created ? "created" : "updated", created ? 201 : 200, messageId);
        details.put("caseFileId", Long.toString(caseFileId));
        write(request, actor, caseNumber, AuditOutcome.ALLOWED, details);
    }

    /** A message whose id was seen before: answered, not applied again. */
    void replayed(HttpServletRequest request, String actor, String caseNumber, int status, String messageId) {
        quietly(request, actor, caseNumber, status < 400 ? AuditOutcome.ALLOWED : AuditOutcome.FAILED,
                details("replayed", status, messageId));
    }

    /** A signed request refused for its content (a bad field, an unknown office, a conflict): nothing written. */
    void badRow(HttpServletRequest request, String actor, String caseNumber, int status, String rule, Object field,
                String messageId) {
        Map<String, String> details = details("refused", status, messageId);
        details.put("rule", rule);
        if (field != null) details.put("field", field.toString());
        quietly(request, actor, caseNumber, AuditOutcome.FAILED, details);
    }

    /** A request the signature gate refused (no, a wrong or an old signature; a body too large). */
    void refusedAtTheGate(HttpServletRequest request, int status, String rule) {
        Map<String, String> details = details("refused", status, null);
        details.put("rule", rule);
        quietly(request, UNVERIFIED, caseNumberOf(request), AuditOutcome.DENIED, details);
    }

    /**
     * A verified request that never reached the upsert's own entries — a body that is not JSON, a value the input
     * rules refuse while reading it, an error — as the gate sees it once answered.
     */
    void unread(HttpServletRequest request, String actor, int status) {
        if (request.getAttribute(AUDITED) != null) return;
        Map<String, String> details = details("refused", status, (String) request.getAttribute(
                InboundSignatureFilter.MESSAGE_ID));
        quietly(request, actor, caseNumberOf(request), AuditOutcome.FAILED,
                details);
    }

    /** The case number as the path names it (cut to a length the trail keeps, control characters replaced). */
    static String caseNumberOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int at = path.indexOf("/cases/");
        if (at < 0) return null;
        String number = path.substring(at + "/cases/".length()).replaceAll("\\p{Cntrl}", "?");
        return number.length() > MAX_OBJECT_ID ? number.substring(0, MAX_OBJECT_ID) : number;
    }

    private static Map<String, String> details(String result, int status, String messageId) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("result", result);
        details.put("status", Integer.toString(status));
        if (messageId != null) details.put("messageId", messageId);
        return details;
    }

    private void write(HttpServletRequest request, String actor, String caseNumber, AuditOutcome outcome,
                       Map<String, String> details) {
        request.setAttribute(AUDITED, Boolean.TRUE);
        trail.recordAs(actor, null, system.find().map(a -> a.officeId()).orElse(null),
                AuditAction.INTEGRATION_CASE_UPSERT, "case", caseNumber, outcome, request, details);
    }

    private void quietly(HttpServletRequest request, String actor, String caseNumber, AuditOutcome outcome,
                         Map<String, String> details) {
        try {
            write(request, actor, caseNumber, outcome, details);
        } catch (RuntimeException e) {
            // the answer (a refusal: nothing changed) goes out anyway; what could not be audited is logged loudly
            log.error("audit entry of an inbound request ({}) not written: {}", details.get("result"), e.toString());
        }
    }
}
