package org.lianxin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lianxin.signaling.testing.JanusTestHost;

/** The Janus nodes of a {@link Topology}: {@link JanusTestHost}s run on deploy/janus/*.jcfg, filled. */
final class TopologyJanus {
    private TopologyJanus() {
    }

    /** The Janus host with deploy/janus/*.jcfg in place of its generated configuration, restarted on them. */
    static JanusTestHost templated(JanusTestHost host, String name) throws IOException {
        try {
            Path folder = host.logFile().getParent();
            Path templates = Topology.deployFolder().resolve("janus");
            for (String file : List.of("janus.jcfg", "janus.transport.websockets.jcfg", "janus.plugin.videoroom.jcfg")) {
                String secret = file.equals("janus.jcfg") ? host.adminSecret() : host.adminKey();
                String filled = Files.readString(templates.resolve(file))
                        .replace("\"/etc/janus\"", "\"" + folder + "\"")
                        .replace("<janus-node-1>", name).replace("<from the secret store>", secret)
                        .replace("<eth0>", host.peerInterface())
                        .replace("<janus-node-1-internal-ip>", host.janusAddress())
                        .replace("<app-network-prefix>", host.hostAddress()); // the app nodes reach it from there
                Topology.requireFilled(file, filled);
                Files.writeString(folder.resolve(file), filled);
            }
            host.restartJanus();
            return host;
        } catch (IOException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /** A default route in the Janus host's namespace via its veth peer on this host. */
    static void route(JanusTestHost h) {
        Topology.run(List.of("ip", "netns", "exec", h.namespace(), "ip", "route", "replace", "default", "via",
                h.hostAddress()));
    }
}
