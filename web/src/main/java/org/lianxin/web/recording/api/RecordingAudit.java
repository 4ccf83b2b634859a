package org.lianxin.web.recording.api;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.lianxin.audit.AuditAction;
import org.lianxin.audit.AuditOutcome;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.scheduler.Actor;
import org.lianxin.web.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * The access audit of recordings: every request that reads or changes a recording and is not refused writes one
 * entry into the audit trail ({@link AuditTrail}: {@code recording.view}, {@code .manifest}, {@code .link},
 * {@code .play}, {@code .download}, {@code .hold}, {@code .release}, {@code .delete}, {@code .compose},
 * {@code .verify}; the catalog's action and item as details) and, for the review page's list of accesses, one row
 * ({@link RecordingCatalog#recordAccess}) — VIEW, MANIFEST, LINK, HOLD, RELEASE, DELETE, COMPOSE, VERIFY — with who,
 * from where, when and what; media once per viewing or download (PLAY_SEGMENT, PLAY_COMPOSED, DOWNLOAD_SEGMENT,
 * DOWNLOAD_COMPOSED: {@link RecordingViewings}), not per range request of a player. The trail's entry is written
 * first: an access the trail cannot record is not carried out. Refusals are audited for every feature alike
 * ({@code audit.RequestAudit}).
 */
@Component
class RecordingAudit {
    private final RecordingCatalog catalog;
    private final AuditTrail trail;
    private final Clock clock;

    RecordingAudit(RecordingCatalog catalog, AuditTrail trail, Clock clock) {
        this.catalog = catalog;
        this.trail = trail;
        this.clock = clock;
    }

    void record(Actor actor, long recordingId, String action, String item, HttpServletRequest request) {
        Map<String, String> details = new HashMap<>();
        details.put("access", action);
        if (item != null) {
            details.put("item", item);
        }
        trail.record(trailAction(action), "recording", Long.toString(recordingId), AuditOutcome.ALLOWED, request,
                details);
        catalog.recordAccess(recordingId, actor.username(), action, item, request.getRemoteAddr(), clock.instant());
    }

    /** The trail's action of a catalog access code. */
    static AuditAction trailAction(String access) {
        switch (access) {
            case "VIEW": return AuditAction.RECORDING_VIEW;
            case "MANIFEST": return AuditAction.RECORDING_MANIFEST;
            case "LINK": return AuditAction.RECORDING_LINK;
            case "PLAY_SEGMENT": case "PLAY_COMPOSED": return AuditAction.RECORDING_PLAY;
            case "DOWNLOAD_SEGMENT": case "DOWNLOAD_COMPOSED": return AuditAction.RECORDING_DOWNLOAD;
            case "HOLD": return AuditAction.RECORDING_HOLD;
            case "RELEASE": return AuditAction.RECORDING_RELEASE;
            case "DELETE": return AuditAction.RECORDING_DELETE;
            case "COMPOSE": return AuditAction.RECORDING_COMPOSE;
            case "VERIFY": return AuditAction.RECORDING_VERIFY;
            default: return AuditAction.RECORDING_OTHER;
        }
    }
}
