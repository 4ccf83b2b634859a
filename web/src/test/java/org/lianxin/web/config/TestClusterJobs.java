package org.lianxin.web.config;

import org.lianxin.web.cluster.InMemoryLeases;

/** Cluster jobs for unit tests of one instance alone: it always holds its leases, as on one node. */
public final class TestClusterJobs {
    private TestClusterJobs() {
    }

    public static ClusterJobs alone() {
        return new ClusterJobs(InMemoryLeases.alone(), 3);
    }
}
