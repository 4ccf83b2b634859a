package org.lianxin.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What was done, as a stable code (the code is what is stored and hashed; never rename one, add new ones). Grouped by
 * what is acted on: {@code auth.*}, {@code access.*}, {@code recording.*}, {@code booking.*}, {@code supervision.*},
 * {@code user.*}.
 */
public enum AuditAction {
    LOGIN("auth.login"),
    LOGIN_FAILED("auth.login-failed"),
    LOGOUT("auth.logout"),
    /** A session ended by the server because its account changed (details {@code reason}: role-changed, ...). */
    SESSION_ENDED("auth.session-ended"),
    /** A request refused because the user may not: 403s and out-of-jurisdiction answers. */
    ACCESS_DENIED("access.denied"),

    RECORDING_VIEW("recording.view"),
    RECORDING_MANIFEST("recording.manifest"),
    RECORDING_LINK("recording.link"),
    RECORDING_PLAY("recording.play"),
    RECORDING_DOWNLOAD("recording.download"),
    RECORDING_HOLD("recording.hold"),
    RECORDING_RELEASE("recording.release"),
    RECORDING_DELETE("recording.delete"),
    RECORDING_COMPOSE("recording.compose"),
    RECORDING_VERIFY("recording.verify"),
    /** A recording action of a code this version does not name (kept as the {@code action} detail). */
    RECORDING_OTHER("recording.other"),

    BOOKING_CREATE("booking.create"),
    BOOKING_RESCHEDULE("booking.reschedule"),
    BOOKING_CANCEL("booking.cancel"),
    BOOKING_CHANGE("booking.change"),

    SUPERVISION_CHANGE("supervision.change"),

    USER_CREATE("user.create"),
    USER_CHANGE("user.change"),
    /** A role granted or changed (details {@code from}, {@code to}); only a security administrator may. */
    USER_ROLE("user.role"),
    /** An account enabled or disabled (detail {@code enabled}). */
    USER_ENABLE("user.enable"),

    /** A signed request of the petition information system (details: outcome, created/updated/replayed, rule). */
    INTEGRATION_CASE_UPSERT("integration.case-upsert"),

    /** The auditor searched the trail (details: the filters). */
    AUDIT_SEARCH("audit.search"),
    /** The auditor exported the trail (details: the filters and the number of entries). */
    AUDIT_EXPORT("audit.export"),

    /** A media node drained or undrained by a province administrator (details {@code drained}). */
    MEDIA_NODE_DRAIN("media-node.drain"),

    /** A full ID or phone number shown on request (details: {@code field}, {@code reason}). */
    PERSONAL_DATA_UNMASK("personal-data.unmask"),

    /** The audit's own events: a checkpoint signed and stored. */
    AUDIT_CHECKPOINT("audit.checkpoint"),
    /** Entries older than the retention moved into an archive object (details: from, to, entries, sha256). */
    AUDIT_ARCHIVE("audit.archive");

    private static final Map<String, AuditAction> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AuditAction::code, Function.identity()));

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    /** The stable code stored in the trail. */
    public String code() {
        return code;
    }

    /** The action of a stored code, or {@code null} if this version does not know it. */
    public static AuditAction ofCode(String code) {
        return BY_CODE.get(code);
    }
}
