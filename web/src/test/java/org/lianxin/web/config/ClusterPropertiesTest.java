package org.lianxin.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

/** The cluster keys' checks: a room's lease must lapse before Janus drops a lost owner's sessions (issue 14). */
class ClusterPropertiesTest {
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    static List<String> problems(ClusterProperties p) {
        return VALIDATOR.validate(p).stream().map(ConstraintViolation::getMessage).sorted().toList();
    }

    @Test
    void theDefaultsTakeARoomOverWellWithinJanussReclaimTimeout() {
        ClusterProperties defaults = new ClusterProperties(3, null, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(20));

        assertThat(problems(defaults)).isEmpty();
        assertThat(defaults.roomLeaseTerm()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aLeaseTermAsLongAsTheReclaimTimeoutIsRefusedWithWhatToChange() {
        // 10 s × 2 = 20 s: Janus would drop the sessions when the room can first be taken over
        List<String> problems = problems(new ClusterProperties(2, null, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(20)));

        assertThat(problems).singleElement().asString().contains("janus-reclaim-timeout")
                .contains("room-lease-renew × lease-intervals");
        assertThat(problems(new ClusterProperties(2, null, Duration.ofSeconds(9), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(20)))).isEmpty();
    }
}
