package org.lianxin.bench.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./lianxin check access} in CI: the whole application with the demo data (dev profile, H2 in memory, a
 * temporary data folder) on 127.0.0.1, the checker against it; no leak, and every operation of the OpenAPI
 * document tried.
 */
class AccessCheckIT {
    static DemoApp app;

    @BeforeAll
    static void start() {
        app = DemoApp.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void noRoleOfAnyLevelSeesOrChangesWhatIsNotItsAndEveryOperationIsTried() {
        AccessChecker.Result result = new AccessChecker(app.baseUrl(), app.password()).run();
        result.notes().forEach(System.out::println);
        result.leaks().forEach(System.out::println);
        System.out.println(result.summary());

        assertThat(result.leaks()).as(result.summary()).isEmpty();
        Set<String> untried = new TreeSet<>(result.operations());
        untried.removeAll(result.covered());
        assertThat(untried).as("OpenAPI operations the check did not try").isEmpty();
        assertThat(result.operations()).hasSizeGreaterThan(100);
        // every subject tried every operation at least once; most answers to the other city's ids are refusals
        assertThat(result.requests()).isGreaterThan(result.operations().size() * 10);
        assertThat(result.denied()).isGreaterThan(result.allowed());
        assertThat(result.allowed()).isGreaterThan(0);
        assertThat(result.summary()).matches("CHECK access requests=\\d+ allowed=\\d+ denied=\\d+ leaks=0");
    }
}
