package org.lianxin.signaling.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnConfigTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static TurnConfig config(Path cert, Path key) {
        return new TurnConfig("198.18.1.2", null, 3478, 443, SECRET, "lianxin.test", cert, key,
                List.of("198.18.0.2"), 49160, 49200, Path.of("/tmp/lx/turn.log"));
    }

    @Test
    void theFileHasRestCredentialsTlsOn443RelayOnlyToTheMediaNodeAndNoCli(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("turn/turnserver.conf");

        config(Path.of("/tmp/lx/cert.pem"), Path.of("/tmp/lx/key.pem")).writeTo(file);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).contains("listening-ip=198.18.1.2", "relay-ip=198.18.1.2", "listening-port=3478",
                "tls-listening-port=443", "cert=/tmp/lx/cert.pem", "pkey=/tmp/lx/key.pem", "use-auth-secret",
                "static-auth-secret=" + SECRET, "realm=lianxin.test", "fingerprint", "no-cli", "no-multicast-peers",
                "no-dtls", "min-port=49160", "max-port=49200", "allowed-peer-ip=198.18.0.2",
                "log-file=/tmp/lx/turn.log");
        assertThat(lines).doesNotContain("no-tls");
        // every private or special range is denied; only the media node is allowed
        assertThat(lines).contains("denied-peer-ip=10.0.0.0-10.255.255.255", "denied-peer-ip=172.16.0.0-172.31.255.255",
                "denied-peer-ip=192.168.0.0-192.168.255.255", "denied-peer-ip=100.64.0.0-100.127.255.255",
                "denied-peer-ip=169.254.0.0-169.254.255.255", "denied-peer-ip=127.0.0.0-127.255.255.255",
                "denied-peer-ip=198.18.0.0-198.19.255.255", "denied-peer-ip=0.0.0.0-0.255.255.255",
                "denied-peer-ip=fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "denied-peer-ip=::1");
        assertThat(lines.stream().filter(l -> l.startsWith("allowed-peer-ip="))).containsExactly("allowed-peer-ip=198.18.0.2");
        assertThat(lines.stream().filter(l -> l.startsWith("denied-peer-ip=")).count())
                .isEqualTo(TurnConfig.DENIED_RANGES.size());
        // the secret is in it: readable by the owner only
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("turnserver.conf");
        }
    }

    @Test
    void withoutACertificateThereIsNoTlsListenerAtAll(@TempDir Path dir) throws Exception {
        TurnConfig plain = config(null, null);

        assertThat(plain.tls()).isFalse();
        assertThat(plain.text().lines()).contains("no-tls").noneMatch(l -> l.startsWith("tls-listening-port")
                || l.startsWith("cert=") || l.startsWith("pkey="));
    }

    @Test
    void rewritingReplacesTheFileWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("turnserver.conf");
        Files.writeString(file, "junk-from-before\n".repeat(1000));

        config(null, null).writeTo(file);

        assertThat(Files.readString(file)).doesNotContain("junk-from-before").isEqualTo(config(null, null).text());
    }

    @Test
    void settingsThatWouldBreakTheFileOrOpenTheRelayAreRefused() {
        assertThatThrownBy(() -> new TurnConfig("198.18.1.2", null, 3478, 443, SECRET, "realm\ncli-password=x", null,
                null, List.of("198.18.0.2"), 49160, 49200, Path.of("/tmp/t.log")))
                .hasMessageContaining("no spaces, quotes or line breaks");
        assertThatThrownBy(() -> new TurnConfig("198.18.1.2", null, 3478, 443, SECRET, "r", null, null, List.of(),
                49160, 49200, Path.of("/tmp/t.log"))).hasMessageContaining("at least one media peer");
        assertThatThrownBy(() -> new TurnConfig("198.18.1.2", null, 3478, 3478, "short", "r", Path.of("/c"), null,
                List.of("198.18.0.2"), 50000, 49000, Path.of("/tmp/t.log")))
                .hasMessageContaining("cert and pkey go together").hasMessageContaining("two different ports")
                .hasMessageContaining("relay ports").hasMessageContaining("secret: at least 16");
    }
}
