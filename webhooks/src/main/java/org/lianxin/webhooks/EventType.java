package org.lianxin.webhooks;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happened, as told to the petition information system: the {@code type} of a webhook's body and what an
 * endpoint subscribes to. The wire names are a contract with receivers: never rename one.
 */
public enum EventType {
    BOOKING_CREATED("booking.created"),
    BOOKING_RESCHEDULED("booking.rescheduled"),
    BOOKING_CANCELLED("booking.cancelled"),
    BOOKING_NO_SHOW("booking.no_show"),
    SESSION_STARTED("session.started"),
    SESSION_ENDED("session.ended"),
    RECORDING_AVAILABLE("recording.available"),
    INSTRUCTIONS_GIVEN("instructions.given"),
    SUPERVISION_OPENED("supervision.opened"),
    SUPERVISION_REPLIED("supervision.replied"),
    SUPERVISION_ACCEPTED("supervision.accepted"),
    SUPERVISION_OVERDUE("supervision.overdue"),
    SUPERVISION_ESCALATED("supervision.escalated"),
    EVALUATION_GIVEN("evaluation.given");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the body's {@code type} and in an endpoint's subscription, e.g. {@code booking.created}. */
    public String wireName() {
        return wireName;
    }

    /** The type whose wire name is {@code name}. */
    public static Optional<EventType> ofWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
