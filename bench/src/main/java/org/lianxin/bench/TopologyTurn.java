package org.lianxin.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * coturn of a {@link Topology}: deploy/turn/turnserver.conf filled as its README says (the listening and relay
 * address, a certificate made here with openssl for {@code turns:} on 443, the shared secret the app nodes get as
 * {@code LIANXIN_TURN_SECRET}, one {@code allowed-peer-ip} per Janus node, the log file in the topology's folder),
 * run in the foreground as a child of this JVM ({@code /usr/bin/turnserver -c}).
 */
final class TopologyTurn {
    static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
    static final int TURNS_PORT = 443;
    static final int TURN_PORT = 3478;

    private TopologyTurn() {
    }

    /** Starts coturn on {@code address}; returns once it listens on 3478 and 443. The caller kills it. */
    static Process start(Path deploy, Path dir, String address, String secret, List<String> janusAddresses)
            throws Exception {
        Path key = dir.resolve("turn-key.pem");
        Path cert = dir.resolve("turn-cert.pem");
        Topology.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=" + address,
                "-addext", "subjectAltName=IP:" + address));
        StringBuilder peers = new StringBuilder();
        for (String janus : janusAddresses) {
            peers.append("allowed-peer-ip=").append(janus).append('\n');
        }
        Path log = dir.resolve("turn.log");
        String cfg = Files.readString(deploy.resolve("turn/turnserver.conf"))
                .replace("<public-ip>", address)
                .replace("/etc/letsencrypt/live/<turn.example.gov.cn>/fullchain.pem", cert.toString())
                .replace("/etc/letsencrypt/live/<turn.example.gov.cn>/privkey.pem", key.toString())
                .replace("static-auth-secret=<from the secret store>", "static-auth-secret=" + secret)
                // "one allowed-peer-ip per Janus node's media address"
                .replaceAll("(?m)^allowed-peer-ip=<janus-node-1-ip>\\n", peers.toString())
                .replaceAll("(?m)^# allowed-peer-ip=<janus-node-2-ip>\\n", "")
                .replace("log-file=/var/log/turnserver/turnserver.log", "log-file=" + log);
        Topology.requireFilled("turnserver.conf", cfg);
        Path file = dir.resolve("turnserver.conf");
        Files.writeString(file, cfg);
        Process coturn = new ProcessBuilder(TURNSERVER.toString(), "-c", file.toString(), "--pidfile",
                dir.resolve("turnserver.pid").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("turn-stdout.log").toFile())).start();
        try {
            for (int port : new int[] {TURNS_PORT, TURN_PORT}) {
                Topology.await("coturn listening on " + address + ":" + port, 30, () -> {
                    if (!coturn.isAlive()) {
                        throw new IllegalStateException("coturn exited: " + Topology.read(log)
                                + Topology.read(dir.resolve("turn-stdout.log")));
                    }
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(address, port), 500);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
            return coturn;
        } catch (Exception | Error e) {
            Topology.kill(coturn);
            throw e;
        }
    }
}
