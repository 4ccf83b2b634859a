package org.lianxin.topics;

import java.util.Objects;

/**
 * What a topic groups: one category of matters in one place.
 *
 * @param category the case files' category as the petition system gives it (e.g. {@code HOUSING})
 * @param placeId  the petition office (county, city or province) the matters lie under
 */
public record TopicKey(String category, long placeId) implements Comparable<TopicKey> {
    public TopicKey {
        Objects.requireNonNull(category, "category");
    }

    @Override
    public int compareTo(TopicKey o) {
        int c = Long.compare(placeId, o.placeId);
        return c != 0 ? c : category.compareTo(o.category);
    }
}
