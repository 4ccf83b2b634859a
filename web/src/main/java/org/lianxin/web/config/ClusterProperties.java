package org.lianxin.web.config;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.cluster}: how the application instances sharing one database share the cluster-wide jobs
 * ({@link PeriodicTask}, table {@code cluster_lease}).
 *
 * @param leaseIntervals a job's lease lasts this many of its intervals (default 3, 2..10): the holder renews it at each
 *                       run; when the holder dies, another instance takes the job after at most this many intervals
 *                       (a holder that stops gives it up at once)
 * @param holder         this instance's holder id in the lease table and the logs, at most 200 characters (default
 *                       unset: host name, process id and a random part, new at each start)
 * @param roomLeaseRenew how often the owner of live rooms renews their leases, from one heartbeat (default 2s,
 *                       500ms..30s); a room's lease lasts {@code leaseIntervals} renewals, so another instance takes
 *                       the room of a lost owner after at most that long
 * @param accountCheck   how often each instance compares the security stamps of the staff accounts with an open
 *                       signaling connection here with the database (default 5s, 1s..5min): the safety net for a
 *                       missed notice of a changed account (PostgreSQL {@code NOTIFY}; none on H2)
 * @param mediaNodeRefresh how often each instance reports its rooms and endpoints per media node to the shared
 *                       {@code media_node_state} and reads the others' counts and the drain flags (default 3s,
 *                       500ms..1min); a report older than 3 refreshes is ignored (its instance is gone)
 * @param janusReclaimTimeout Janus's {@code reclaim_session_timeout} on the media nodes (default 20s, as
 *                       deploy/janus/janus.jcfg and {@code ./lianxin up} set it): how long Janus keeps a lost owner's
 *                       session for the instance taking its rooms over to {@code claim} (issue 14); a room's lease
 *                       term must be shorter, or every takeover comes too late to claim
 */
@ConfigurationProperties("lianxin.cluster")
@Validated
public record ClusterProperties(
        @Min(2) @Max(10) @DefaultValue("3") int leaseIntervals,
        @Size(max = 200) String holder,
        @DefaultValue("2s") Duration roomLeaseRenew,
        @DefaultValue("5s") Duration accountCheck,
        @DefaultValue("3s") Duration mediaNodeRefresh,
        @DefaultValue("20s") Duration janusReclaimTimeout) {

    /** A live room's lease term: {@code leaseIntervals} renewals. */
    public Duration roomLeaseTerm() {
        return roomLeaseRenew.multipliedBy(leaseIntervals);
    }

    @AssertTrue(message = "account-check must be 1s..5min")
    public boolean isAccountCheckInRange() {
        return accountCheck != null && accountCheck.compareTo(Duration.ofSeconds(1)) >= 0
                && accountCheck.compareTo(Duration.ofMinutes(5)) <= 0;
    }

    @AssertTrue(message = "media-node-refresh must be 500ms..1min")
    public boolean isMediaNodeRefreshInRange() {
        return mediaNodeRefresh != null && mediaNodeRefresh.compareTo(Duration.ofMillis(500)) >= 0
                && mediaNodeRefresh.compareTo(Duration.ofMinutes(1)) <= 0;
    }

    @AssertTrue(message = "a room's lease term (room-lease-renew × lease-intervals) must be shorter than"
            + " janus-reclaim-timeout (Janus's reclaim_session_timeout), or a lost owner's sessions are gone before"
            + " another instance can claim them")
    public boolean isRoomLeaseTermShorterThanJanusReclaim() {
        return roomLeaseRenew == null || janusReclaimTimeout == null
                || roomLeaseTerm().compareTo(janusReclaimTimeout) < 0;
    }

    @AssertTrue(message = "room-lease-renew must be 500ms..30s")
    public boolean isRoomLeaseRenewInRange() {
        return roomLeaseRenew != null && roomLeaseRenew.compareTo(Duration.ofMillis(500)) >= 0
                && roomLeaseRenew.compareTo(Duration.ofSeconds(30)) <= 0;
    }
}
