package org.lianxin.topics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Detection of concentrated problems, pure: matters, the keys' topic states, the thresholds and the time in;
 * decisions out. Nothing here reads a clock or a database.
 *
 * <p>A matter <em>counts</em> for its key when it is in no topic yet (the caller passes only such matters), was
 * filed within the window ({@code createdAt >= now - window}: a matter filed exactly one window ago still counts, a
 * millisecond earlier it does not), and was filed after the key's last topic was closed (what that topic's
 * conclusion covered never opens a second topic).
 *
 * <ul>
 * <li>A key with no open topic and at least {@code threshold} counting matters opens one topic with all of them,
 * triggered at the filing time of the threshold-th oldest.</li>
 * <li>A key with an open (OPEN or FOLLOWED) topic never opens another: its counting matters are added to that
 * topic, however few (the burst goes on; one burst, one topic).</li>
 * <li>Fewer than {@code threshold}: nothing.</li>
 * </ul>
 * Since matters are filed at the time of their creation and detection runs on every new case and periodically,
 * the window slides with the clock: a burst is found when its threshold-th matter is filed.
 */
public final class TopicRule {
    private static final Comparator<Matter> FILING_ORDER =
            Comparator.comparing(Matter::createdAt).thenComparingLong(Matter::caseId);

    private TopicRule() {
    }

    /** The decision for one key, given the matters of that key that are in no topic. */
    public static Optional<Decision> decide(KeyState state, List<Matter> unattached, Thresholds thresholds,
                                            Instant now) {
        Instant windowStart = now.minus(thresholds.window());
        List<Matter> counting = new ArrayList<>();
        for (Matter m : unattached) {
            if (!m.key().equals(state.key())) {
                throw new IllegalArgumentException("matter " + m.caseId() + " is not of " + state.key());
            }
            if (m.createdAt().isBefore(windowStart)) continue;
            if (state.lastClosedAt() != null && !m.createdAt().isAfter(state.lastClosedAt())) continue;
            counting.add(m);
        }
        counting.sort(FILING_ORDER);
        List<Long> ids = counting.stream().map(Matter::caseId).toList();
        if (state.openTopicId() != null) {
            return ids.isEmpty() ? Optional.empty()
                    : Optional.of(new Decision.Attach(state.openTopicId(), state.key(), ids));
        }
        if (counting.size() < thresholds.threshold()) return Optional.empty();
        Instant triggeredAt = counting.get(thresholds.threshold() - 1).createdAt();
        return Optional.of(new Decision.Open(state.key(), ids, triggeredAt, thresholds));
    }

    /**
     * The decisions for every key the matters belong to, in key order (place, then category). Keys missing from
     * {@code states} never had a topic.
     */
    public static List<Decision> decideAll(Map<TopicKey, KeyState> states, List<Matter> unattached,
                                           Function<TopicKey, Thresholds> thresholds, Instant now) {
        Map<TopicKey, List<Matter>> byKey = new TreeMap<>();
        for (Matter m : unattached) byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
        List<Decision> out = new ArrayList<>();
        byKey.forEach((key, matters) -> decide(states.getOrDefault(key, KeyState.fresh(key)), matters,
                thresholds.apply(key), now).ifPresent(out::add));
        return out;
    }
}
