package org.lianxin.web.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand-written fake of {@link Leases} for unit tests, with the table's rules: instances made over one shared map
 * behave as instances over one database (one holder per name, epoch + 1 at each change of holder).
 */
public final class InMemoryLeases implements Leases {
    private record Row(String holder, long epoch, Instant expiresAt) {
    }

    private final Map<String, Row> table;
    private final Clock clock;
    private final String holder;

    public InMemoryLeases(Map<String, ?> table, Clock clock, String holder) {
        @SuppressWarnings("unchecked")
        Map<String, Row> rows = (Map<String, Row>) table;
        this.table = rows;
        this.clock = clock;
        this.holder = holder;
    }

    /** One instance alone, on the system clock: it always holds its leases. */
    public static InMemoryLeases alone() {
        return new InMemoryLeases(new ConcurrentHashMap<>(), Clock.systemUTC(), "test:1:00000000");
    }

    /** A table shared by the instances of a test. */
    public static Map<String, ?> table() {
        return new ConcurrentHashMap<String, Row>();
    }

    @Override
    public String holder() {
        return holder;
    }

    @Override
    public Optional<Lease> acquire(String name, Duration term) {
        Instant now = clock.instant();
        Row row = table.compute(name, (n, r) -> {
            if (r == null) return new Row(holder, 1, now.plus(term));
            if (holder.equals(r.holder())) return new Row(holder, r.epoch(), now.plus(term));
            if (r.holder() == null || r.expiresAt().isBefore(now)) {
                return new Row(holder, r.epoch() + 1, now.plus(term));
            }
            return r;
        });
        return holder.equals(row.holder()) ? Optional.of(new Lease(name, holder, row.epoch(), row.expiresAt()))
                : Optional.empty();
    }

    @Override
    public void release(String name) {
        table.computeIfPresent(name,
                (n, r) -> holder.equals(r.holder()) ? new Row(null, r.epoch(), clock.instant()) : r);
    }
}
