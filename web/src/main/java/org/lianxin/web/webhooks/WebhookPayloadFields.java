package org.lianxin.web.webhooks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lianxin.webhooks.EventType;

/**
 * The fields of each event type's {@code data}, as the listeners of this package write them: what the API description
 * tells receivers ({@link WebhookPayloadsDocumentation}), and what {@code WebhookEventsContract} checks the real
 * payloads against. Ids, numbers, states and times only: no names, no ID or phone numbers.
 */
final class WebhookPayloadFields {
    /** A field: JSON type ({@code integer}, {@code string}, {@code date-time}, {@code date}, {@code integer[]}). */
    record Field(String type, String description) {
    }

    private WebhookPayloadFields() {
    }

    static Map<String, Field> of(EventType type) {
        Map<String, Field> f = new LinkedHashMap<>();
        switch (type) {
            case BOOKING_CREATED, BOOKING_RESCHEDULED, BOOKING_CANCELLED, BOOKING_NO_SHOW, SESSION_STARTED,
                    SESSION_ENDED -> {
                f.put("bookingId", new Field("integer", "The booking."));
                f.put("bookingCode", new Field("string", "The code the petitioner's terminal finds it by."));
                f.put("caseNumber", new Field("string", "The case file's number (the petition system's own)."));
                f.put("officeId", new Field("integer", "The office of the terminal where it is held."));
                f.put("terminalId", new Field("integer", "The terminal."));
                f.put("officialId", new Field("integer", "The receiving official."));
                f.put("state", new Field("string", "BOOKED, CHECKED_IN, IN_SESSION, COMPLETED, CANCELLED, NO_SHOW"
                        + " or INTERRUPTED, as written by this change."));
                f.put("start", new Field("date-time", "When it starts."));
                f.put("end", new Field("date-time", "When it ends."));
                if (type == EventType.BOOKING_RESCHEDULED) {
                    f.put("previousStart", new Field("date-time", "When it was to start before the move."));
                    f.put("previousTerminalId", new Field("integer", "Where it was to be held before the move."));
                }
            }
            case SUPERVISION_OPENED, SUPERVISION_REPLIED, SUPERVISION_ACCEPTED, SUPERVISION_OVERDUE,
                    SUPERVISION_ESCALATED -> {
                f.put("itemId", new Field("integer", "The supervision item (督办事项)."));
                f.put("itemNumber", new Field("string", "Its number, e.g. JB-2026-000042."));
                f.put("caseNumber", new Field("string", "The case file's number."));
                f.put("officeIds", new Field("integer[]", "The offices told of it (the unit, the supervising office,"
                        + " the office above when escalated)."));
                f.put("deadline", new Field("date", "The item's deadline (办理期限)."));
            }
            case INSTRUCTIONS_GIVEN -> {
                f.put("instructionId", new Field("integer", "The leader's instruction (处理意见)."));
                f.put("bookingId", new Field("integer", "The reception it was given at."));
                f.put("caseNumber", new Field("string", "The case file's number."));
                f.put("officeId", new Field("integer", "The leader's office."));
                f.put("itemIds", new Field("integer[]", "The supervision items it assigned (each also told as"
                        + " supervision.opened)."));
                f.put("at", new Field("date-time", "When it was given."));
            }
            case EVALUATION_GIVEN -> {
                f.put("evaluationId", new Field("integer", "The petitioner's evaluation (满意度评价)."));
                f.put("caseNumber", new Field("string", "The case file's number."));
                f.put("officeId", new Field("integer", "The case's office."));
                f.put("result", new Field("string", "SATISFIED, BASICALLY_SATISFIED or UNSATISFIED."));
                f.put("channel", new Field("string", "KIOSK (identity checked at the terminal) or PHONE."));
                f.put("itemIds", new Field("integer[]", "The replied items it judges."));
                f.put("at", new Field("date-time", "When it was recorded."));
            }
            case RECORDING_AVAILABLE -> {
                f.put("recordingId", new Field("integer", "The recording."));
                f.put("kind", new Field("string", "RECEPTION or CONSULTATION."));
                f.put("status", new Field("string", "COMPLETED, or INTERRUPTED (a crash; the gap is listed in the"
                        + " manifest)."));
                f.put("bookingId", new Field("integer", "The reception's booking, or null."));
                f.put("consultationId", new Field("integer", "The consultation, or null."));
                f.put("caseNumber", new Field("string", "The case file's number, or null."));
                f.put("officeId", new Field("integer", "The office whose jurisdiction it belongs to."));
                f.put("startedAt", new Field("date-time", "When capture began."));
                f.put("endedAt", new Field("date-time", "When it ended."));
                f.put("segmentCount", new Field("integer", "How many hash-chained segments it holds."));
                f.put("chainHead", new Field("string", "The SHA-256 chain head over its segments (hex)."));
                f.put("manifestSha256", new Field("string", "The SHA-256 of its manifest (hex): check the manifest"
                        + " fetched later against it."));
            }
            default -> throw new IllegalArgumentException("no payload described for " + type);
        }
        return f;
    }
}
