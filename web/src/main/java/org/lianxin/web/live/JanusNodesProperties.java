package org.lianxin.web.live;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys under {@code lianxin.janus}: the Janus media nodes this app drives. Unset, the one node of
 * {@code lianxin.signaling.janus-url} (and its {@code janus-admin-*} keys) is the list, named {@code janus-1}.
 *
 * @param nodes each node: {@code name} (letters, digits, '-'; how operators name it, e.g. in the drain call),
 *              {@code url} (its WebSocket API), {@code admin-url} (its Admin API, for per-stream counters; unset: off),
 *              {@code admin-key} and {@code admin-secret} (unset: those of {@code lianxin.signaling}), {@code drained}
 *              (true: the node starts drained, takes no new rooms until undrained over REST; what keeps a node
 *              drained over an app restart, since the REST drain lives in the app's memory)
 */
@ConfigurationProperties("lianxin.janus")
public record JanusNodesProperties(List<Node> nodes) {

    public JanusNodesProperties {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** One Janus node. */
    public record Node(String name, URI url, URI adminUrl, String adminKey, String adminSecret, boolean drained) {
        @Override
        public String toString() { // never print secrets
            return "Node[" + name + ", " + url + ", admin api " + (adminUrl == null ? "off" : adminUrl)
                    + (drained ? ", drained" : "") + "]";
        }
    }
}
