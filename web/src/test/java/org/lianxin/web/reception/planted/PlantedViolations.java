package org.lianxin.web.reception.planted;

import org.lianxin.signaling.live.JanusNode;
import org.lianxin.signaling.media.internal.janus.JanusSettings;
import org.lianxin.web.demo.DemoData;

/**
 * Violations planted for {@code WebArchitectureTest}, which shows that each of its rules fails on them: a class of
 * the reception feature (test code, never imported by the real check) that does what no web class may.
 */
public final class PlantedViolations {
    private PlantedViolations() {
    }

    /** Reaches into the signaling module's Janus adapter, an internal package. */
    public static final class ReachesIntoAnInternalPackage {
        JanusSettings settings;
    }

    /** Uses another feature's type (the demo data's users). */
    public static final class UsesAnotherFeature {
        Object users = DemoData.USERS;
    }

    /** Builds a module's implementation outside a configuration class. */
    public static final class BuildsAnImplementationOutsideTheWiring {
        JanusNode node;
    }
}
