package org.lianxin.web.config;

import java.time.Clock;

import javax.sql.DataSource;

import org.lianxin.web.cluster.ClusterLease;
import org.lianxin.web.cluster.HolderIds;
import org.lianxin.web.cluster.RoomPlacement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The cluster-wide jobs' leases (issue 14): every instance on one database gets a holder id, and each periodic job
 * runs on the one instance holding its lease.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
public class ClusterConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

    /** The cluster keys for the start-up check ({@link ConfigurationCheck}): their annotations. */
    @Bean
    public static CheckedProperties<ClusterProperties> clusterKeys() {
        return CheckedProperties.annotated("lianxin.cluster", ClusterProperties.class);
    }

    @Bean
    ClusterLease clusterLease(DataSource dataSource, Clock clock, ClusterProperties props,
                              @Value("${lianxin.recording.instance-id:local}") String node) {
        boolean generated = props.holder() == null || props.holder().isBlank();
        String holder = generated ? HolderIds.create() : props.holder().strip();
        log.info("cluster: this instance is {}; cluster-wide jobs run on the instance holding their lease (a lease"
                + " lasts {} intervals: lianxin.cluster.lease-intervals)", holder, props.leaseIntervals());
        return new ClusterLease(dataSource, clock, holder, node.strip());
    }

    /**
     * The live rooms' owners (issue 14): this instance's rooms are held under leases that name it by its public name,
     * {@code lianxin.recording.instance-id} (its HAProxy server name).
     */
    @Bean
    RoomPlacement roomPlacement(ClusterLease lease, Clock clock, ClusterProperties props, DataSource dataSource,
                                PlatformTransactionManager transactions,
                                @Value("${lianxin.recording.instance-id:local}") String node) {
        log.info("cluster: live rooms are owned under leases naming this instance {} (renewed every {}:"
                + " lianxin.cluster.room-lease-renew)", node.strip(), props.roomLeaseRenew());
        return new RoomPlacement(lease, clock, node.strip(), props.roomLeaseTerm(), dataSource, transactions);
    }

    @Bean
    ClusterJobs clusterJobs(ClusterLease lease, ClusterProperties props) {
        return new ClusterJobs(lease, props.leaseIntervals());
    }
}
