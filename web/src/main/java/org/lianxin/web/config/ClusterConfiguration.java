package org.lianxin.web.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;

import javax.sql.DataSource;

import org.lianxin.web.cluster.ClusterLease;
import org.lianxin.web.cluster.DatabaseNotices;
import org.lianxin.web.cluster.HolderIds;
import org.lianxin.web.cluster.HolderLock;
import org.lianxin.web.cluster.PostgresHolderLock;
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

    /** This instance's holder id in the lease table and the logs. */
    @Bean
    HolderId clusterHolder(ClusterProperties props) {
        boolean generated = props.holder() == null || props.holder().isBlank();
        return new HolderId(generated ? HolderIds.create() : props.holder().strip());
    }

    /** This instance's holder id (a bean of its own: the lock and the leases share it). */
    public record HolderId(String value) {
    }

    /**
     * This instance's life as PostgreSQL sees it: an advisory lock held on one connection, freed at once by a kill -9,
     * so that another instance takes this one's rooms over at once (issue 14); none on H2 (leases lapse instead).
     */
    @Bean(destroyMethod = "close")
    HolderLock holderLock(DataSource dataSource, HolderId holder, ClusterProperties props) {
        if (!isPostgres(dataSource)) {
            log.info("cluster: no advisory locks on this database; a lost instance's rooms are taken over when their"
                    + " leases lapse (lianxin.cluster.room-lease-renew x lease-intervals)");
            return HolderLock.NONE;
        }
        PostgresHolderLock lock = new PostgresHolderLock(dataSource, holder.value(), props.roomLeaseTerm());
        lock.ensure();
        log.info("cluster: this instance holds a PostgreSQL advisory lock for its life; another instance takes its"
                + " rooms over as soon as it is freed (a kill -9 frees it at once)");
        return lock;
    }

    /**
     * This instance's one connection listening for PostgreSQL notices (accounts changed, webhook events committed,
     * recording switches made through another instance); nothing listens on H2 (one instance: the polls remain).
     */
    @Bean
    DatabaseNotices databaseNotices(DataSource dataSource) {
        DatabaseNotices notices = new DatabaseNotices(dataSource);
        if (!notices.listens()) {
            log.info("cluster: no database notices on this database; other instances' changes are found by polls");
        }
        return notices;
    }

    @Bean
    ClusterLease clusterLease(DataSource dataSource, Clock clock, ClusterProperties props, HolderId holder,
                              HolderLock lock, @Value("${lianxin.recording.instance-id:local}") String node) {
        log.info("cluster: this instance is {}; cluster-wide jobs run on the instance holding their lease (a lease"
                + " lasts {} intervals: lianxin.cluster.lease-intervals)", holder.value(), props.leaseIntervals());
        return new ClusterLease(dataSource, clock, holder.value(), node.strip(), lock);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cluster: the database does not answer: " + e.getMessage(), e);
        }
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
