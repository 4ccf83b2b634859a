package org.lianxin.signaling.turn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes a {@code turnserver.conf} for Debian's coturn 4.6 ({@code turnserver -c <file>}), the same way
 * {@code live.JanusConfig} writes Janus's: TURN REST credentials ({@code use-auth-secret} with the app's shared
 * secret), {@code turn:} on {@code port} (UDP and TCP), {@code turns:} on {@code tlsPort} when a certificate is
 * given, relaying only to the media node's addresses ({@code allowed-peer-ip}) and to no other private or special
 * range ({@code denied-peer-ip}), no CLI, no multicast peers, fingerprints, log to a file. Used by
 * {@code ./lianxin up} (through {@link #main}) and by the tests' county network. JDK classes only.
 *
 * <p>The file holds the secret: it is written readable by its owner only (mode 600).
 *
 * @param listeningIp the address coturn listens on and relays from ({@code listening-ip}, {@code relay-ip})
 * @param externalIp  the address browsers see when coturn is behind NAT ({@code external-ip}); null = none
 * @param port        {@code listening-port} (3478)
 * @param tlsPort     {@code tls-listening-port} (443); used only with a certificate
 * @param secret      {@code static-auth-secret}, the same as the app's {@code lianxin.turn.secret}
 * @param realm       {@code realm}
 * @param cert        certificate chain (PEM) for TLS; null = no {@code turns:}
 * @param pkey        its private key (PEM); null when {@code cert} is null
 * @param mediaPeers  the media node's (Janus's) addresses: the only private addresses coturn relays to
 * @param minPort     first relay port
 * @param maxPort     last relay port
 * @param logFile     coturn's log file
 */
public record TurnConfig(String listeningIp, String externalIp, int port, int tlsPort, String secret, String realm,
                         Path cert, Path pkey, List<String> mediaPeers, int minPort, int maxPort, Path logFile) {

    /**
     * Private, shared, loopback, link-local, benchmark, documentation, multicast and reserved IPv4 ranges and their
     * IPv6 counterparts: a relay into them would let anyone with a credential reach the server's own network.
     */
    public static final List<String> DENIED_RANGES = List.of(
            "0.0.0.0-0.255.255.255",           // "this" network
            "10.0.0.0-10.255.255.255",         // private
            "100.64.0.0-100.127.255.255",      // carrier-grade NAT
            "127.0.0.0-127.255.255.255",       // loopback
            "169.254.0.0-169.254.255.255",     // link-local (cloud metadata)
            "172.16.0.0-172.31.255.255",       // private
            "192.0.0.0-192.0.0.255",           // IETF protocol assignments
            "192.0.2.0-192.0.2.255",           // documentation
            "192.88.99.0-192.88.99.255",       // 6to4 relay anycast
            "192.168.0.0-192.168.255.255",     // private
            "198.18.0.0-198.19.255.255",       // benchmarking
            "198.51.100.0-198.51.100.255",     // documentation
            "203.0.113.0-203.0.113.255",       // documentation
            "224.0.0.0-239.255.255.255",       // multicast
            "240.0.0.0-255.255.255.255",       // reserved, broadcast
            "::1",                             // loopback
            "64:ff9b::-64:ff9b::ffff:ffff",    // NAT64
            "::ffff:0.0.0.0-::ffff:255.255.255.255", // IPv4-mapped
            "100::-100::ffff:ffff:ffff:ffff",  // discard
            "2001::-2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", // TEREDO, ORCHID
            "2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // 6to4
            "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // unique local
            "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"); // link-local

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:/@+=\\-]*");

    public TurnConfig {
        Objects.requireNonNull(listeningIp, "listeningIp");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(realm, "realm");
        mediaPeers = List.copyOf(mediaPeers);
        Objects.requireNonNull(logFile, "logFile");
        List<String> problems = new ArrayList<>();
        if (mediaPeers.isEmpty()) {
            problems.add("at least one media peer address");
        }
        if ((cert == null) != (pkey == null)) {
            problems.add("cert and pkey go together");
        }
        if (port < 1 || port > 65535 || tlsPort < 1 || tlsPort > 65535 || port == tlsPort) {
            problems.add("port and tlsPort: two different ports 1..65535");
        }
        if (minPort < 1024 || maxPort > 65535 || minPort > maxPort) {
            problems.add("relay ports: 1024 <= minPort <= maxPort <= 65535");
        }
        if (secret.length() < TurnSettings.MIN_SECRET_LENGTH) {
            problems.add("secret: at least " + TurnSettings.MIN_SECRET_LENGTH + " characters");
        }
        List<String> words = new ArrayList<>(mediaPeers);
        words.add(listeningIp);
        words.add(secret);
        words.add(realm);
        if (externalIp != null) {
            words.add(externalIp);
        }
        for (Path p : new Path[] {cert, pkey, logFile}) {
            if (p != null) {
                words.add(p.toString());
            }
        }
        for (String w : words) {
            if (w.isEmpty() || !SAFE.matcher(w).matches()) {
                problems.add("no spaces, quotes or line breaks in coturn settings");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Whether this server offers {@code turns:} (TLS) on {@link #tlsPort}. */
    public boolean tls() {
        return cert != null;
    }

    /** The file's text. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("# Written by org.lianxin.signaling.turn.TurnConfig; holds the shared secret (mode 600).\n");
        b.append("listening-ip=").append(listeningIp).append('\n');
        b.append("relay-ip=").append(listeningIp).append('\n');
        if (externalIp != null) {
            b.append("external-ip=").append(externalIp).append('\n');
        }
        b.append("listening-port=").append(port).append('\n');
        if (tls()) {
            b.append("tls-listening-port=").append(tlsPort).append('\n');
            b.append("cert=").append(cert).append('\n');
            b.append("pkey=").append(pkey).append('\n');
            b.append("no-tlsv1\nno-tlsv1_1\n");
        } else {
            b.append("no-tls\n");
        }
        b.append("no-dtls\n");
        b.append("min-port=").append(minPort).append('\n');
        b.append("max-port=").append(maxPort).append('\n');
        b.append("use-auth-secret\n");
        b.append("static-auth-secret=").append(secret).append('\n');
        b.append("realm=").append(realm).append('\n');
        b.append("fingerprint\n");
        b.append("no-cli\n");
        b.append("no-multicast-peers\n");
        b.append("no-software-attribute\n");
        b.append("stale-nonce=600\n");
        for (String range : DENIED_RANGES) {
            b.append("denied-peer-ip=").append(range).append('\n');
        }
        for (String peer : mediaPeers) {
            b.append("allowed-peer-ip=").append(peer).append('\n');
        }
        b.append("log-file=").append(logFile).append('\n');
        b.append("simple-log\n");
        b.append("no-stdout-log\n");
        return b.toString();
    }

    /** Writes {@link #text()} to {@code file}, readable by its owner only. */
    public void writeTo(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".turnserver", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                Files.writeString(tmp, text(), StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code java -cp signaling/target/classes org.lianxin.signaling.turn.TurnConfig FILE LISTENING_IP PORT TLS_PORT
     * REALM MEDIA_PEERS LOG_FILE [CERT PKEY]}, the secret read from the environment variable
     * {@code LIANXIN_TURN_SECRET} (never an argument: arguments show in {@code ps}); {@code MEDIA_PEERS} comma
     * separated. What {@code ./lianxin up} runs. Relay ports 49160-49999.
     */
    public static void main(String[] args) {
        if (args.length != 7 && args.length != 9) {
            System.err.println("usage: TurnConfig FILE LISTENING_IP PORT TLS_PORT REALM MEDIA_PEERS LOG_FILE [CERT PKEY]"
                    + " (secret in LIANXIN_TURN_SECRET)");
            System.exit(2);
        }
        String secret = System.getenv("LIANXIN_TURN_SECRET");
        if (secret == null || secret.isBlank()) {
            System.err.println("TurnConfig: set LIANXIN_TURN_SECRET");
            System.exit(2);
        }
        Path cert = args.length == 9 ? Path.of(args[7]) : null;
        Path pkey = args.length == 9 ? Path.of(args[8]) : null;
        new TurnConfig(args[1], null, Integer.parseInt(args[2]), Integer.parseInt(args[3]), secret.strip(), args[4],
                cert, pkey, List.of(args[5].split(",")), 49160, 49999, Path.of(args[6])).writeTo(Path.of(args[0]));
    }
}
