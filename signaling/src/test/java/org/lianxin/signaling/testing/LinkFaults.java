package org.lianxin.signaling.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Faults on the media link of a {@link JanusTestHost} for tests (this kernel has no {@code netem}):
 * a full outage or random loss of the UDP packets between the browsers and Janus's ICE/RTP ports
 * {@value #JANUS_MEDIA_PORTS}, both ways — and nothing else: Janus's WebSocket (TCP 8188), its admin
 * API and its {@code rtp_forward} to a recorder (sent from an ephemeral port, 32768 and up) pass.
 *
 * <p>Packets are dropped where they arrive, the way a broken link loses them (no sender sees an
 * error; an nftables drop on the output hook would hand Janus {@code EPERM}): by nftables
 * {@code netdev} ingress chains, one on the veth end inside Janus's namespace (browser → Janus,
 * {@code udp dport} in the range) and one on the veth end in this namespace (Janus → browser,
 * {@code udp sport} in the range). Both are bound to the test's own veth pair, in tables named
 * after it, so other tests' rules are never touched. {@link #restore()} and {@link #close()} delete
 * them (also run on JVM exit); deleting the veth pair removes the chains too.
 *
 * <p>A rate limit ({@link #rateLimit}) shapes what Janus sends towards the browsers on its veth end, with
 * {@code tc} in its namespace (tbf under an htb root; only UDP to the browsers' ephemeral ports, so that the
 * recorder's {@code rtp_forward} on the same veth does not share the county's bandwidth).
 */
public final class LinkFaults implements AutoCloseable {

    /** Janus's {@code rtp_port_range} as {@code JanusConfig} writes it: every ICE socket of a browser's peer connection. */
    public static final String JANUS_MEDIA_PORTS = "20000-20999";
    private static final String NFT = "/usr/sbin/nft";

    private final String namespace;
    private final String peerInterface;
    private final String hostInterface;
    private final String table;
    private final Thread cleanup;
    private volatile String state = "whole";
    private boolean shaped;

    private LinkFaults(String namespace, String peerInterface, String hostInterface) {
        for (String name : List.of(namespace, peerInterface, hostInterface)) {
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("not an interface or namespace name: " + name);
            }
        }
        this.namespace = namespace;
        this.peerInterface = peerInterface;
        this.hostInterface = hostInterface;
        this.table = "lxfaults_" + hostInterface.replace('-', '_').replace('.', '_');
        this.cleanup = new Thread(this::restoreQuietly, "link-faults-cleanup-" + hostInterface);
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Faults on the browser media of the Janus in {@code host}'s namespace. */
    public static LinkFaults janusMedia(JanusTestHost host) {
        return new LinkFaults(host.namespace(), host.peerInterface(), host.hostInterface());
    }

    /** Drops every UDP packet to and from Janus's media ports, both ways. */
    public void outage() {
        apply("drop", "outage");
    }

    /** Drops {@code percent} % of the UDP packets to and from Janus's media ports, at random, each way. */
    public void loss(int percent) {
        if (percent < 1 || percent > 99) {
            throw new IllegalArgumentException("loss between 1 and 99 %: " + percent);
        }
        apply("numgen random mod 100 < " + percent + " drop", percent + "% loss");
    }

    /**
     * Cuts the application's way to Janus's WebSocket API ({@code tcp dport} {@value JanusTestHost#WS_PORT}, dropped as
     * it arrives at Janus's end; the media is untouched): a connection open now hears nothing more, a new one times out
     * (not refused: Janus is up).
     */
    public void signalingOutage() {
        nft(null, reset());
        nft(namespace, reset() + chain(peerInterface, "tcp dport " + JanusTestHost.WS_PORT + " drop"));
        state = "signaling outage";
    }

    /** The link is whole again (no rule left). Idempotent. */
    public void restore() {
        nft(null, reset());
        nft(namespace, reset());
        state = "whole";
    }

    /** What the link suffers now: "whole", "outage" or "N% loss". */
    public String state() {
        return state;
    }

    /**
     * Limits what Janus sends towards the browsers to {@code kbit} kbit/s ({@code tbf rate … burst 32kbit latency
     * 400ms}); replaces an earlier limit. Only UDP to a browser's port (32768-65535, Linux's ephemeral ports, where
     * Chromium's ICE sockets are) goes through the limit (an {@code htb} root classifies with {@code u32}).
     */
    public synchronized void rateLimit(int kbit) {
        if (kbit < 8) {
            throw new IllegalArgumentException("kbit >= 8: " + kbit);
        }
        clearRateLimit();
        tc("qdisc", "add", "dev", peerInterface, "root", "handle", "1:", "htb", "default", "20", "r2q", "100000");
        shaped = true;
        tc("class", "add", "dev", peerInterface, "parent", "1:", "classid", "1:10", "htb", "rate", "1gbit");
        tc("class", "add", "dev", peerInterface, "parent", "1:", "classid", "1:20", "htb", "rate", "1gbit");
        tc("qdisc", "add", "dev", peerInterface, "parent", "1:10", "handle", "10:", "tbf", "rate", kbit + "kbit",
                "burst", "32kbit", "latency", "400ms");
        // UDP (protocol 17) to a destination port with the top bit set: 32768-65535
        tc("filter", "add", "dev", peerInterface, "parent", "1:", "protocol", "ip", "prio", "1", "u32", "match", "ip",
                "protocol", "17", "0xff", "match", "ip", "dport", "32768", "0x8000", "flowid", "1:10");
    }

    /** No more rate limit. Idempotent. */
    public synchronized void clearRateLimit() {
        if (shaped) {
            shaped = false;
            run(true, "ip", "netns", "exec", namespace, "tc", "qdisc", "del", "dev", peerInterface, "root");
        }
    }

    /** What the rate limit sent and dropped so far ({@code tc -s qdisc}), for a test's log. */
    public synchronized String rateLimitStats() {
        return run(true, "ip", "netns", "exec", namespace, "tc", "-s", "qdisc", "show", "dev", peerInterface);
    }

    private void tc(String... args) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "tc"));
        full.addAll(List.of(args));
        run(false, full.toArray(String[]::new));
    }

    private static String run(boolean tolerateFailure, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0 && !tolerateFailure) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    @Override
    public void close() {
        try {
            restore();
            clearRateLimit();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs anyway
            }
        }
    }

    private void restoreQuietly() {
        try {
            restore();
            clearRateLimit();
        } catch (RuntimeException e) {
            // the namespace or the veth pair may be gone already: nothing left to remove
        }
    }

    private void apply(String verdict, String what) {
        // Janus → browser: arriving at this namespace's end; browser → Janus: arriving at Janus's end
        nft(null, reset() + chain(hostInterface, "udp sport " + JANUS_MEDIA_PORTS + " " + verdict));
        nft(namespace, reset() + chain(peerInterface, "udp dport " + JANUS_MEDIA_PORTS + " " + verdict));
        state = what;
    }

    /** Creates the table if missing and deletes it: a script that then starts from nothing. */
    private String reset() {
        return "table netdev " + table + " {}\ndelete table netdev " + table + "\n";
    }

    private String chain(String device, String rule) {
        return "table netdev " + table + " {\n"
                + "  chain faults { type filter hook ingress device \"" + device + "\" priority 0; policy accept;\n"
                + "    " + rule + "\n  }\n}\n";
    }

    /** Runs an nft script (one transaction) in {@code netns}, or in this namespace if null. */
    private static void nft(String netns, String script) {
        List<String> command = new ArrayList<>();
        if (netns != null) {
            command.addAll(List.of("ip", "netns", "exec", netns));
        }
        command.addAll(List.of(NFT, "-f", "-"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("nft timed out" + (netns == null ? "" : " in " + netns));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("nft" + (netns == null ? "" : " in " + netns) + " failed ("
                        + p.exitValue() + "): " + out + "\n" + script);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
