package org.lianxin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** HAProxy of a {@link Topology}: deploy/haproxy/haproxy.cfg filled, a certificate made here, run in the foreground. */
final class TopologyHaproxy {
    private TopologyHaproxy() {
    }

    /**
     * Starts HAProxy in front of the two app nodes (ports {@code app1}, {@code app2} on 127.0.0.1) with its HTTPS
     * frontend on {@code address}:443; returns once it serves readiness through it. The caller kills it.
     */
    static Process start(Path deploy, Path dir, String address, int app1, int app2) throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Topology.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=" + address,
                "-addext", "subjectAltName=IP:" + address + ",IP:127.0.0.1"));
        Path pem = dir.resolve("lianxin.pem");
        Files.writeString(pem, Files.readString(cert) + Files.readString(key));
        String cfg = Files.readString(deploy.resolve("haproxy/haproxy.cfg"))
                .replaceAll("(?m)^\\tlog /dev/log.*\\n", "")
                .replaceAll("(?m)^\\t(chroot|user|group|daemon|stats socket|stats timeout)\\b.*\\n", "")
                // the file descriptor limit of a test process (20000 connections need twice as many)
                .replace("maxconn 20000", "maxconn 2000")
                .replace("bind :80", "bind 127.0.0.1:" + Topology.freePort())
                .replace("bind :443 ssl crt /etc/haproxy/certs/lianxin.pem",
                        "bind " + address + ":443 ssl crt " + pem)
                .replace("<app-node-1-internal-ip>:8080", "127.0.0.1:" + app1)
                .replace("<app-node-2-internal-ip>:8080", "127.0.0.1:" + app2)
                .replace("127.0.0.1:8888", "127.0.0.1:" + Topology.freePort());
        Topology.requireFilled("haproxy.cfg", cfg);
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        Path log = dir.resolve("haproxy.log");
        Process haproxy = new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient insecure = Insecure.client();
            URI readiness = URI.create("https://" + address + "/actuator/health/readiness");
            // both servers up in HAProxy's checks (rise 2, inter 2 s): a few requests all answered
            Topology.await("HAProxy serving", 60, () -> {
                if (!haproxy.isAlive()) {
                    throw new IllegalStateException("haproxy exited: " + Topology.read(log));
                }
                try {
                    return insecure.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            return haproxy;
        } catch (Exception | Error e) {
            Topology.kill(haproxy);
            throw e;
        }
    }
}
