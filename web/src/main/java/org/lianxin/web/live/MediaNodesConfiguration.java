package org.lianxin.web.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.lianxin.signaling.live.JanusNode;
import org.lianxin.signaling.nodes.MediaNodes;
import org.lianxin.web.config.CheckedProperties;
import org.lianxin.web.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the media engine: every Janus node of {@code lianxin.janus.nodes} (or the one of
 * {@code lianxin.signaling.janus-url}) behind one {@link MediaNodes}, which places each new room on the least-loaded
 * connected node that is not drained and moves a lost node's rooms to another.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JanusNodesProperties.class)
public class MediaNodesConfiguration {
    private static final Logger log = LoggerFactory.getLogger(MediaNodesConfiguration.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,39}");
    /** The name of the one node of {@code lianxin.signaling.janus-url}. */
    static final String SINGLE_NODE = "janus-1";

    /** The node list's keys for the start-up check ({@code config.ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<JanusNodesProperties> janusNodesKeys() {
        return new CheckedProperties<>("lianxin.janus", JanusNodesProperties.class, MediaNodesConfiguration::check);
    }

    static void check(JanusNodesProperties props, Secrets secrets, List<String> problems) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < props.nodes().size(); i++) {
            JanusNodesProperties.Node n = props.nodes().get(i);
            String at = "lianxin.janus.nodes[" + i + "]";
            if (n.name() == null || !NAME.matcher(n.name()).matches()) {
                problems.add(at + ".name: 1-40 letters, digits or '-', starting with a letter or digit; was "
                        + n.name());
            } else if (!names.add(n.name())) {
                problems.add(at + ".name: two nodes named " + n.name());
            }
            if (n.url() == null || !("ws".equals(n.url().getScheme()) || "wss".equals(n.url().getScheme()))) {
                problems.add(at + ".url: a ws:// or wss:// URL is required; was " + n.url());
            }
            if (n.adminUrl() != null && !("ws".equals(n.adminUrl().getScheme())
                    || "wss".equals(n.adminUrl().getScheme()))) {
                problems.add(at + ".admin-url: must be ws:// or wss://; was " + n.adminUrl());
            }
        }
    }

    /** The Janus nodes to drive: the list, or the one node of the {@code lianxin.signaling.janus-*} keys. */
    static List<JanusNodesProperties.Node> nodes(JanusNodesProperties nodes, SignalingProperties props) {
        if (!nodes.nodes().isEmpty()) {
            return nodes.nodes();
        }
        return List.of(new JanusNodesProperties.Node(SINGLE_NODE, props.janusUrl(), props.janusAdminUrl(),
                props.janusAdminKey(), props.janusAdminSecret(), false));
    }

    @Bean
    MediaNodes mediaEngine(JanusNodesProperties nodesProps, SignalingProperties props, Secrets secrets) {
        janusNodesKeys().requireValid(nodesProps, secrets); // checked at start-up already; here for a factory used alone
        List<MediaNodes.Node> engines = new ArrayList<>();
        for (JanusNodesProperties.Node n : nodes(nodesProps, props)) {
            String adminKey = blankToNull(n.adminKey() != null ? n.adminKey() : props.janusAdminKey());
            String adminSecret = blankToNull(n.adminSecret() != null ? n.adminSecret() : props.janusAdminSecret());
            JanusNode node = new JanusNode(n.url(), adminKey, n.adminUrl(), adminSecret, props.janusRequestTimeout());
            log.info("media node {}: {}", n.name(), node);
            engines.add(new MediaNodes.Node(n.name(), node.connect()));
        }
        log.info("media: {} Janus node(s) {} (lianxin.janus.nodes); new rooms go to the least-loaded connected node",
                engines.size(), engines.stream().map(MediaNodes.Node::name).toList());
        MediaNodes media = new MediaNodes(engines);
        for (JanusNodesProperties.Node n : nodes(nodesProps, props)) {
            if (n.drained()) {
                media.drain(n.name(), true);
            }
        }
        return media;
    }

    /** The drain flags and loads shared with the other instances (issue 14). */
    @Bean
    SharedMediaNodes sharedMediaNodes(MediaNodes media, org.springframework.jdbc.core.simple.JdbcClient jdbc,
                                      JanusNodesProperties nodesProps, SignalingProperties props,
                                      org.lianxin.web.config.ClusterProperties cluster,
                                      @org.springframework.beans.factory.annotation.Value(
                                              "${lianxin.recording.instance-id:local}") String instance) {
        Set<String> drained = new HashSet<>();
        for (JanusNodesProperties.Node n : nodes(nodesProps, props)) {
            if (n.drained()) {
                drained.add(n.name());
            }
        }
        return new SharedMediaNodes(media, jdbc, instance.strip(), cluster.mediaNodeRefresh(), drained);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
