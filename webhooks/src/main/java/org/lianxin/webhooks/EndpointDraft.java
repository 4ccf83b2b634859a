package org.lianxin.webhooks;

import java.util.Objects;
import java.util.Set;

/**
 * What an administrator fills in to add or change an endpoint.
 *
 * @param url         http(s), absolute, at most {@value #MAX_URL} characters
 * @param description what it is for (e.g. 省信访信息系统), at most {@value #MAX_DESCRIPTION} characters
 * @param eventTypes  the types it receives; empty: all
 * @param enabled     whether events are sent to it
 */
public record EndpointDraft(String url, String description, Set<EventType> eventTypes, boolean enabled) {
    public static final int MAX_URL = 2000;
    public static final int MAX_DESCRIPTION = 300;

    public EndpointDraft {
        url = Objects.requireNonNull(url, "url").strip();
        description = description == null ? "" : description.strip();
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
    }
}
