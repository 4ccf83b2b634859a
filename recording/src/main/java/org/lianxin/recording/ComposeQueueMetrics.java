package org.lianxin.recording;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compose nodes' queue (issue 14) as metrics of the application's registry (actuator: {@code /actuator/metrics}):
 *
 * <ul>
 *   <li>{@value #DEPTH} {@code state=waiting|running}: compositions queued for the compose nodes and not yet taken
 *   (QUEUED), and being made (RUNNING); cluster-wide, from the catalog (every node reports the same).</li>
 *   <li>{@value #OLDEST} (seconds): how long the longest-waiting composition has waited; 0 when none waits.</li>
 *   <li>{@value #JOBS} {@code outcome=done|failed|lost}: this compose node's compositions (a compose node only):
 *   stored and DONE, FAILED, or lost to another worker's claim after its lease lapsed (refused).</li>
 * </ul>
 *
 * One catalog query serves the gauges of a scrape (cached for {@link #CACHED}); the catalog unreachable: NaN. The
 * gauges hold this binder strongly, and it the worker (Micrometer's default, a weak reference, reads NaN once nothing
 * else holds them).
 */
public final class ComposeQueueMetrics implements MeterBinder {

    public static final String DEPTH = "lianxin.recording.compose.queue.depth";
    public static final String OLDEST = "lianxin.recording.compose.queue.oldest.age";
    public static final String JOBS = "lianxin.recording.compose.jobs";
    static final Duration CACHED = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ComposeQueueMetrics.class);

    private final RecordingCatalog catalog;
    private final ComposeWorker worker;
    private final Clock clock;
    private Instant readAt;
    private Snapshot last;

    private record Snapshot(double waiting, double running, double oldestSeconds) {
    }

    /** @param worker this node's compose worker, null when it is not a compose node */
    public ComposeQueueMetrics(RecordingCatalog catalog, ComposeWorker worker, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.worker = worker;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, DEPTH, "compositions queued for the compose nodes", "state", "waiting", Snapshot::waiting);
        gauge(registry, DEPTH, "compositions queued for the compose nodes", "state", "running", Snapshot::running);
        Gauge.builder(OLDEST, this, m -> m.snapshot().oldestSeconds())
                .description("how long the longest-waiting composition has waited for a compose node")
                .baseUnit("seconds").strongReference(true).register(registry);
        if (worker != null) {
            counter(registry, "done", ComposeWorker::composed);
            counter(registry, "failed", ComposeWorker::failed);
            counter(registry, "lost", ComposeWorker::lost);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, String tag, String value,
                       ToDoubleFunction<Snapshot> of) {
        Gauge.builder(name, this, m -> of.applyAsDouble(m.snapshot())).description(description).tag(tag, value)
                .strongReference(true).register(registry);
    }

    private void counter(MeterRegistry registry, String outcome, ToDoubleFunction<ComposeWorker> of) {
        FunctionCounter.builder(JOBS, worker, of).description("this compose node's compositions by outcome")
                .tag("outcome", outcome).register(registry); // (the worker: held by this binder, held by the gauges)
    }

    private synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (last != null && readAt != null && now.isBefore(readAt.plus(CACHED)) && !now.isBefore(readAt)) {
            return last;
        }
        try {
            RecordingCatalog.ComposeQueue q = catalog.composeQueue();
            double oldest = q.oldestWaitingSince() == null ? 0
                    : Math.max(0, Duration.between(q.oldestWaitingSince(), now).toMillis() / 1000.0);
            last = new Snapshot(q.waiting(), q.running(), oldest);
        } catch (RuntimeException e) {
            log.debug("compose queue metrics: catalog unreachable: {}", e.toString());
            last = new Snapshot(Double.NaN, Double.NaN, Double.NaN);
        }
        readAt = now;
        return last;
    }
}
