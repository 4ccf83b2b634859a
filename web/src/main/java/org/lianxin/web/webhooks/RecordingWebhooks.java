package org.lianxin.web.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingOutbox;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Cases;
import org.lianxin.webhooks.EventType;
import org.lianxin.webhooks.WebhookEvent;
import org.lianxin.webhooks.Webhooks;

/**
 * A recording available: queued in the transaction that ends it in the catalog (the recording's
 * {@link RecordingOutbox}), with the SHA-256 of its manifest, so the receiver can check what it later fetches. A
 * recording that captured nothing (EMPTY) is not available and not told.
 */
final class RecordingWebhooks implements RecordingOutbox {
    private final Webhooks webhooks;
    private final Supplier<Cases> cases;
    private final Supplier<Optional<Actor>> system;
    private final OfficeLineage lineage;
    private final Clock clock;

    RecordingWebhooks(Webhooks webhooks, Supplier<Cases> cases, Supplier<Optional<Actor>> system,
                      OfficeLineage lineage, Clock clock) {
        this.webhooks = webhooks;
        this.cases = cases;
        this.system = system;
        this.lineage = lineage;
        this.clock = clock;
    }

    @Override
    public void ended(Recording r) {
        if (r.status() != Recording.Status.COMPLETED && r.status() != Recording.Status.INTERRUPTED) {
            return;
        }
        String caseNumber = r.caseId() == null ? null : system.get()
                .map(actor -> cases.get().get(actor, r.caseId()).caseNumber()).orElse(null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("recordingId", r.id());
        data.put("kind", r.kind().name());
        data.put("status", r.status().name());
        data.put("bookingId", r.bookingId());
        data.put("consultationId", r.consultationId());
        data.put("caseNumber", caseNumber);
        data.put("officeId", r.officeId());
        data.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        data.put("endedAt", r.endedAt() == null ? null : r.endedAt().toString());
        data.put("segmentCount", r.segmentCount());
        data.put("chainHead", r.chainHead());
        data.put("manifestSha256", r.manifestSha256());
        webhooks.emit(new WebhookEvent(EventType.RECORDING_AVAILABLE, caseNumber == null ? null : "case:" + caseNumber,
                lineage.of(r.officeId()), clock.instant(), "recording.available:" + r.id(), data));
    }
}
