package org.lianxin.web.live;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.lianxin.signaling.nodes.MediaNodeStatus;
import org.lianxin.signaling.nodes.MediaNodes;
import org.lianxin.signaling.nodes.NoSuchMediaNodeException;
import org.lianxin.signaling.nodes.NodeLoads;
import org.lianxin.web.config.LifecyclePhases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The media nodes as every app instance shares them (issue 14), through two tables ({@code V28}): the drain flag of
 * each node ({@code media_node_state}), which any instance's API writes and every instance follows, and each
 * instance's own rooms and endpoints per node ({@code media_node_report}), which the others add to theirs when they
 * place a room ({@link NodeLoads}, {@link NodeLoadSums}). Refreshed every {@code lianxin.cluster.media-node-refresh}
 * (report ours, read the flags and the others' reports) and before a new room is placed ({@link JoinTickets}). A node
 * drained in the configuration ({@code lianxin.janus.nodes[].drained}) is written as drained at start unless the
 * table already says otherwise (an operator's word wins).
 */
public final class SharedMediaNodes implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SharedMediaNodes.class);
    /** A report older than this many refreshes is ignored. */
    static final int STALE_AFTER_REFRESHES = 3;

    private final MediaNodes nodes;
    private final JdbcClient jdbc;
    private final String instance;
    private final Duration every;
    private final Set<String> drainedInConfiguration;
    private final AtomicReference<Map<String, NodeLoads.Load>> elsewhere = new AtomicReference<>(Map.of());
    private volatile ScheduledExecutorService timer;

    SharedMediaNodes(MediaNodes nodes, JdbcClient jdbc, String instance, Duration every,
                     Set<String> drainedInConfiguration) {
        this.nodes = nodes;
        this.jdbc = jdbc;
        this.instance = instance;
        this.every = every;
        this.drainedInConfiguration = Set.copyOf(drainedInConfiguration);
        nodes.sharedWith(elsewhere::get);
    }

    /** A media node as the cluster sees it: this server's status, the cluster's drain flag and the cluster's totals. */
    public record ClusterNode(MediaNodeStatus here, int roomsInCluster, int endpointsInCluster, String drainedBy,
                              Instant drainedAt) {
    }

    /** Every node, in the configured order. */
    public List<ClusterNode> status() {
        Map<String, Flag> flags = flags();
        return nodes.status().stream().map(s -> cluster(s, flags.get(s.name()))).toList();
    }

    /**
     * Drains the node for every instance (or undrains it): written to the shared table, followed here at once and by
     * the others at their next refresh (at most {@code media-node-refresh}) or placement.
     *
     * @throws NoSuchMediaNodeException if no node is named so
     */
    public ClusterNode drain(String name, boolean drained, String by) {
        nodes.status(name); // NoSuchMediaNodeException
        write(name, drained, by);
        MediaNodeStatus after = nodes.drain(name, drained);
        return cluster(after, flags().get(name));
    }

    private ClusterNode cluster(MediaNodeStatus s, Flag flag) {
        NodeLoads.Load o = elsewhere.get().getOrDefault(s.name(), new NodeLoads.Load(0, 0));
        return new ClusterNode(s, s.rooms() + o.rooms(), s.endpoints() + o.endpoints(),
                flag == null ? null : flag.by(), flag == null ? null : flag.at());
    }

    private record Flag(boolean drained, String by, Instant at) {
    }

    private Map<String, Flag> flags() {
        Map<String, Flag> flags = new HashMap<>();
        jdbc.sql("select name, drained, drained_by, drained_at from media_node_state")
                .query((rs, n) -> Map.entry(rs.getString(1), new Flag(rs.getBoolean(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant())))
                .list().forEach(e -> flags.put(e.getKey(), e.getValue()));
        return flags;
    }

    private void write(String name, boolean drained, String by) {
        String update = "update media_node_state set drained = ?, drained_by = ?, drained_at = current_timestamp"
                + " where name = ?";
        if (jdbc.sql(update).params(drained, by, name).update() == 0) {
            try {
                jdbc.sql("insert into media_node_state (name, drained, drained_by, drained_at)"
                        + " values (?, ?, ?, current_timestamp)").params(name, drained, by).update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql(update).params(drained, by, name).update();
            }
        }
    }

    /**
     * Reports this instance's rooms and endpoints per node, then reads the drain flags (followed here) and the other
     * instances' reports (added at placement).
     */
    public void refresh() {
        for (MediaNodeStatus s : nodes.status()) {
            String update = "update media_node_report set rooms = ?, endpoints = ?, reported_at = current_timestamp"
                    + " where node = ? and instance = ?";
            if (jdbc.sql(update).params(s.rooms(), s.endpoints(), s.name(), instance).update() == 0) {
                try {
                    jdbc.sql("insert into media_node_report (node, instance, rooms, endpoints, reported_at)"
                            + " values (?, ?, ?, ?, current_timestamp)")
                            .params(s.name(), instance, s.rooms(), s.endpoints()).update();
                } catch (DuplicateKeyException raced) {
                    jdbc.sql(update).params(s.rooms(), s.endpoints(), s.name(), instance).update();
                }
            }
        }
        Map<String, Flag> flags = flags();
        for (MediaNodeStatus s : nodes.status()) {
            Flag f = flags.get(s.name());
            if (f != null && f.drained() != s.drained()) {
                nodes.drain(s.name(), f.drained());
            }
        }
        Instant[] now = new Instant[1];
        List<NodeLoadSums.Report> reports = jdbc.sql("select node, instance, rooms, endpoints, reported_at,"
                        + " current_timestamp from media_node_report")
                .query((rs, n) -> {
                    now[0] = rs.getObject(6, OffsetDateTime.class).toInstant();
                    return new NodeLoadSums.Report(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant());
                }).list();
        elsewhere.set(now[0] == null ? Map.of() : NodeLoadSums.elsewhere(reports, instance, now[0],
                every.multipliedBy(STALE_AFTER_REFRESHES)));
    }

    /** {@link #refresh()}, a failure logged (the last snapshot stays). */
    public void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("media nodes: sharing the drain flags and loads failed; placing with what was read last: {}",
                    e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        for (String name : drainedInConfiguration) {
            if (!flags().containsKey(name)) {
                write(name, true, "configuration");
            }
        }
        refreshSafely();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "media-nodes-shared");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refreshSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        log.info("media nodes: drain flags and loads shared with the other instances as {} every {} "
                + "(lianxin.cluster.media-node-refresh)", instance, every);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        try {
            jdbc.sql("delete from media_node_report where instance = ?").param(instance).update();
        } catch (RuntimeException e) {
            log.debug("media nodes: this instance's report not removed: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** Before the live rooms start (their first placement sees the cluster), after they stop. */
    @Override
    public int getPhase() {
        return LifecyclePhases.LIVE_ROOMS - 20;
    }
}
