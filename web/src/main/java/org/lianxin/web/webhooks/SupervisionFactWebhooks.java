package org.lianxin.web.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lianxin.supervision.SupervisionEvent;
import org.lianxin.supervision.SupervisionEvents;
import org.lianxin.webhooks.EventType;
import org.lianxin.webhooks.WebhookEvent;
import org.lianxin.webhooks.Webhooks;

/**
 * Supervision's outward facts — a leader's instructions at a reception, the petitioner's evaluation of the handling —
 * queued in the transaction of the change (supervision's {@link SupervisionEvents}).
 */
final class SupervisionFactWebhooks implements SupervisionEvents {
    private final Webhooks webhooks;
    private final OfficeLineage lineage;
    private final Clock clock;

    SupervisionFactWebhooks(Webhooks webhooks, OfficeLineage lineage, Clock clock) {
        this.webhooks = webhooks;
        this.lineage = lineage;
        this.clock = clock;
    }

    @Override
    public void record(SupervisionEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (event instanceof SupervisionEvent.InstructionGiven g) {
            data.put("instructionId", g.instructionId());
            data.put("bookingId", g.bookingId());
            data.put("caseNumber", g.caseNumber());
            data.put("officeId", g.officeId());
            data.put("itemIds", g.itemIds());
            data.put("at", g.at().toString());
            emit(EventType.INSTRUCTIONS_GIVEN, g.caseNumber(), g.officeId(), "instructions.given:" + g.instructionId(),
                    data);
        } else if (event instanceof SupervisionEvent.EvaluationGiven e) {
            data.put("evaluationId", e.evaluationId());
            data.put("caseNumber", e.caseNumber());
            data.put("officeId", e.officeId());
            data.put("result", e.result().name());
            data.put("channel", e.channel().name());
            data.put("itemIds", e.itemIds());
            data.put("at", e.at().toString());
            emit(EventType.EVALUATION_GIVEN, e.caseNumber(), e.officeId(), "evaluation.given:" + e.evaluationId(),
                    data);
        }
    }

    private void emit(EventType type, String caseNumber, long officeId, String key, Map<String, Object> data) {
        webhooks.emit(new WebhookEvent(type, caseNumber == null ? null : "case:" + caseNumber, lineage.of(officeId),
                clock.instant(), key, data));
    }
}
