package org.lianxin.web.webhooks;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.webhooks}: events out to the petition information system.
 *
 * @param enabled       run this node's dispatcher (default true; events are queued either way, and another node's
 *                      dispatcher sends them)
 * @param node          this node's name, recorded with each attempt (unset: the host name)
 * @param workers       deliveries this node sends at once (default 16: a receiver that hangs holds one for
 *                      {@code timeout}, and the others go on)
 * @param timeout       how long an endpoint may take to answer (default 10s)
 * @param lease         how long a claimed delivery is this node's; a claim of a node that died is taken again after
 *                      it (default 60s; at least timeout + 5s)
 * @param retrySchedule the pause after each failed attempt, the last one repeated (default the Standard Webhooks
 *                      schedule: 0s, 5s, 5m, 30m, 2h, 5h, 10h, 10h), each spread by ±25 % jitter
 * @param giveUpAfter   a delivery not through after this is given up on and the administrators told (default 72h)
 * @param maxRetryAfter the longest Retry-After honoured (default 24h)
 * @param rotationGrace how long a replaced secret still signs (default 24h)
 * @param pollInterval  how often the outbox is looked at besides the wake-up after each event (default 5s)
 * @param nodeLockWait  how long a starting node waits for its name's lock while its killed previous run's database
 *                      session lingers, before it goes on and takes that run's deliveries back later (default 2s)
 * @param backlogWorkers deliveries sent at once while a backlog is worked off (default 64; at least workers)
 */
@ConfigurationProperties("lianxin.webhooks")
@Validated
public record WebhooksProperties(
        @DefaultValue("true") boolean enabled,
        String node,
        @Min(1) @Max(64) @DefaultValue("16") int workers,
        @NotNull @DefaultValue("10s") Duration timeout,
        @NotNull @DefaultValue("60s") Duration lease,
        @NotNull @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
        @NotNull @DefaultValue("72h") Duration giveUpAfter,
        @NotNull @DefaultValue("24h") Duration maxRetryAfter,
        @NotNull @DefaultValue("24h") Duration rotationGrace,
        @NotNull @DefaultValue("5s") Duration pollInterval,
        @NotNull @DefaultValue("2s") Duration nodeLockWait,
        @Min(1) @Max(256) @DefaultValue("64") int backlogWorkers) {
}
