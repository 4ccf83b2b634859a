package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.lianxin.signaling.testing.JanusTestHost;
import org.opentest4j.TestAbortedException;

/**
 * One {@link Topology} for every topology IT of the test JVM ({@link TopologyIT}, {@link TopologyPagesIT}): a
 * {@code Topology} parameter of a {@code @BeforeAll} is the one the first class started, kept in JUnit's root store and
 * closed when the JVM's tests are done (its set-up — two Janus nodes, coturn, the county, two app JVMs, HAProxy — is
 * most of a class's time, and the scenarios each start their own reception). A class leaves it as it found it: both
 * app nodes running, both Janus nodes up, the database connected. Skipped when the machine cannot run it (a failure
 * under {@code LIANXIN_TEST_STRICT}); a start that failed is tried again by the next class, and an app node a failed
 * class left stopped is started again for the next.
 */
final class SharedTopology implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedTopology.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Topology.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String missing = Topology.missing();
        if (!missing.isEmpty()) {
            // ./lianxin test (LIANXIN_TEST_STRICT) has them all: a missing piece there is a failure, not a skip
            assertThat(JanusTestHost.strict()).as("LIANXIN_TEST_STRICT, but missing: " + missing).isFalse();
            throw new TestAbortedException("needs " + missing);
        }
        Topology topology = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Topology.class, k -> {
            try {
                return Topology.start();
            } catch (Exception e) {
                throw new ParameterResolutionException("the topology did not start: " + e, e);
            }
        }, Topology.class);
        try {
            List<String> restarted = topology.restartStopped(); // left stopped by a class that failed mid-kill
            if (!restarted.isEmpty()) {
                System.out.println("topology: " + restarted + " started again for " + context.getDisplayName());
            }
        } catch (Exception e) {
            throw new ParameterResolutionException("the topology's app nodes did not start again: " + e, e);
        }
        return topology;
    }
}
