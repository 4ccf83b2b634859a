package org.lianxin.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a matter counts, pure: the place of an office is the office itself when it is a county, city or province,
 * and for a DEPARTMENT office the nearest county, city or province above it (departments under departments
 * included). A place's province is the top of its tree.
 */
public final class Places {
    /** An office as the tree holds it; {@code level} is the scheduler's level name. */
    public record Node(long id, Long parentId, String level, String path, String code) {
    }

    private final Map<Long, Node> byId = new HashMap<>();

    public Places(List<Node> offices) {
        for (Node n : offices) byId.put(n.id(), n);
    }

    /** The place of the office, empty for an unknown office. */
    public Optional<Node> placeOf(long officeId) {
        Node n = byId.get(officeId);
        int guard = 0;
        while (n != null && "DEPARTMENT".equals(n.level()) && n.parentId() != null && guard++ < 64) {
            n = byId.get(n.parentId());
        }
        return Optional.ofNullable(n);
    }

    /** The top of the office's tree (its province). */
    public Optional<Node> provinceOf(long officeId) {
        Node n = byId.get(officeId);
        int guard = 0;
        while (n != null && n.parentId() != null && guard++ < 64) n = byId.get(n.parentId());
        return Optional.ofNullable(n);
    }

    public Optional<Node> office(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The offices whose matters count for the place: the place and the departments that resolve to it. */
    public List<Long> officesCountingFor(long placeId) {
        List<Long> out = new ArrayList<>();
        for (Node n : byId.values()) {
            if (placeOf(n.id()).map(p -> p.id() == placeId).orElse(false)) out.add(n.id());
        }
        out.sort(Long::compare);
        return out;
    }
}
