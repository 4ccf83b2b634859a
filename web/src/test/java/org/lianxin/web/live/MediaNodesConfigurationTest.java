package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.nodes.MediaNodeStatus;
import org.lianxin.signaling.nodes.MediaNodes;
import org.lianxin.web.config.Secrets;

class MediaNodesConfigurationTest {

    static SignalingProperties signaling() {
        return new SignalingProperties(URI.create("ws://127.0.0.1:8188/"), "ak", URI.create("ws://127.0.0.1:7188/"), "as",
                Duration.ofSeconds(10), true, null, Duration.ofMinutes(10), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofMinutes(15));
    }

    static List<String> problems(JanusNodesProperties p) {
        List<String> problems = new ArrayList<>();
        MediaNodesConfiguration.check(p, new Secrets(Path.of("/nonexistent"), false), problems);
        return problems;
    }

    @Test
    void withoutTheListTheSingleNodeKeysAreOneNodeNamedJanus1() {
        List<JanusNodesProperties.Node> nodes = MediaNodesConfiguration.nodes(new JanusNodesProperties(null), signaling());
        assertThat(nodes).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("janus-1");
            assertThat(n.url()).isEqualTo(URI.create("ws://127.0.0.1:8188/"));
            assertThat(n.adminUrl()).isEqualTo(URI.create("ws://127.0.0.1:7188/"));
            assertThat(n.adminKey()).isEqualTo("ak");
        });
        assertThat(problems(new JanusNodesProperties(null))).isEmpty();
    }

    @Test
    void theListIsTakenAsItIs() {
        JanusNodesProperties p = new JanusNodesProperties(List.of(
                new JanusNodesProperties.Node("a", URI.create("ws://10.0.0.1:8188/"), null, null, null, false),
                new JanusNodesProperties.Node("b", URI.create("wss://10.0.0.2:8989/"), null, "k2", "s2", true)));
        assertThat(MediaNodesConfiguration.nodes(p, signaling())).extracting(JanusNodesProperties.Node::name)
                .containsExactly("a", "b");
        assertThat(problems(p)).isEmpty();
        assertThat(p.nodes().get(1).toString()).doesNotContain("k2").doesNotContain("s2");
    }

    @Test
    void badNamesDuplicatesAndUrlsAreEachNamed() {
        JanusNodesProperties p = new JanusNodesProperties(List.of(
                new JanusNodesProperties.Node("a", URI.create("ws://10.0.0.1:8188/"), null, null, null, false),
                new JanusNodesProperties.Node("a", URI.create("http://10.0.0.2:8188/"), null, null, null, false),
                new JanusNodesProperties.Node("bad name", null, URI.create("http://x/"), null, null, false)));
        assertThat(problems(p)).containsExactly(
                "lianxin.janus.nodes[1].name: two nodes named a",
                "lianxin.janus.nodes[1].url: a ws:// or wss:// URL is required; was http://10.0.0.2:8188/",
                "lianxin.janus.nodes[2].name: 1-40 letters, digits or '-', starting with a letter or digit; was bad name",
                "lianxin.janus.nodes[2].url: a ws:// or wss:// URL is required; was null",
                "lianxin.janus.nodes[2].admin-url: must be ws:// or wss://; was http://x/");
    }

    @Test
    void aNodeConfiguredDrainedStartsDrained() {
        JanusNodesProperties p = new JanusNodesProperties(List.of(
                new JanusNodesProperties.Node("a", URI.create("ws://127.0.0.1:9/"), null, null, null, false),
                new JanusNodesProperties.Node("b", URI.create("ws://127.0.0.1:9/"), null, null, null, true)));
        try (MediaNodes nodes = new MediaNodesConfiguration().mediaEngine(p, signaling(),
                new Secrets(Path.of("/nonexistent"), false))) {
            assertThat(nodes.status()).extracting(MediaNodeStatus::name, MediaNodeStatus::drained, MediaNodeStatus::reachable)
                    .containsExactly(tuple("a", false, false), tuple("b", true, false));
        }
    }
}
