package org.lianxin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    @Test
    void theDefaultsWaitTwoSecondsForTheNodeLockAndSendFourTimesTheWorkersOnABacklog() {
        WebhookSettings d = WebhookSettings.defaults("n");
        assertThat(d.nodeLockWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.backlogWorkers()).isEqualTo(4 * d.workers()).isEqualTo(64);
        assertThat(d.withBacklogWorkers(16).backlogWorkers()).isEqualTo(16);
        assertThat(d.withNodeLockWait(Duration.ZERO).nodeLockWait()).isZero();
    }

    @Test
    void fewerBacklogWorkersThanWorkersOrANegativeLockWaitAreRefused() {
        WebhookSettings d = WebhookSettings.defaults("n");
        assertThatThrownBy(() -> d.withBacklogWorkers(15)).hasMessageContaining("backlogWorkers: at least workers (16)");
        assertThatThrownBy(() -> d.withNodeLockWait(Duration.ofMillis(-1))).hasMessageContaining("nodeLockWait");
    }
}
