package org.lianxin.signaling.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a {@link JanusTestHost}'s media link bad, on Janus's side of it (in its network namespace, so that no other
 * test's traffic is touched): random loss of the browsers' media with nftables ({@code numgen random}; this kernel
 * has no netem), and a rate limit of what Janus sends towards the browsers with a {@code tbf} qdisc on its veth
 * ({@link #rateLimit}).
 * Only UDP between Janus's RTP ports ({@value #RTP_PORTS}) and a browser's ephemeral port ({@value #BROWSER_PORTS})
 * is dropped: the Janus WebSocket (TCP) is not, and neither is the recorder's {@code rtp_forward} (its destination
 * ports are the recorder's, below the ephemeral range).
 *
 * <p>{@link #close()} removes what it added (deleting the namespace would too).
 */
public final class MediaLinkFaults implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaLinkFaults.class);
    static final String RTP_PORTS = "20000-20999";
    /** Linux's ephemeral ports, where Chromium's ICE sockets are. */
    static final String BROWSER_PORTS = "32768-65535";
    private static final String TABLE = "lxlinkfaults";

    private final String namespace;
    private final String veth;
    private boolean table;
    private boolean qdisc;

    private MediaLinkFaults(String namespace, String veth) {
        this.namespace = namespace;
        this.veth = veth;
    }

    /** Faults on the link between the browsers and this Janus. */
    public static MediaLinkFaults on(JanusTestHost janus) {
        String namespace = janus.namespace();
        return new MediaLinkFaults(namespace, onlyInterface(namespace));
    }

    /** The namespace's one veth: Janus's end of its pair. */
    private static String onlyInterface(String namespace) {
        List<String> names = new ArrayList<>();
        for (String line : run(false, "ip", "netns", "exec", namespace, "ip", "-o", "link", "show", "type", "veth")
                .split("\n")) {
            String[] parts = line.split(":\\s+", 3); // "2: lxj…p@if5: <BROADCAST,…"
            if (parts.length >= 2) {
                String name = parts[1].split("@")[0].trim();
                if (!name.equals("lo")) {
                    names.add(name);
                }
            }
        }
        if (names.size() != 1) {
            throw new IllegalStateException("expected one veth in " + namespace + ": " + names);
        }
        return names.get(0);
    }

    /** Drops about {@code percent} % of the media packets in each direction (0: none); replaces an earlier loss. */
    public synchronized void loss(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent 0-100: " + percent);
        }
        clearLoss();
        if (percent == 0) {
            return;
        }
        nft("add table inet " + TABLE);
        table = true;
        nft("add chain inet " + TABLE + " lossin { type filter hook input priority 0 ; policy accept ; }");
        nft("add chain inet " + TABLE + " lossout { type filter hook output priority 0 ; policy accept ; }");
        String drop = " numgen random mod 100 < " + percent + " drop";
        nft("add rule inet " + TABLE + " lossin udp dport " + RTP_PORTS + " udp sport " + BROWSER_PORTS + drop);
        nft("add rule inet " + TABLE + " lossout udp sport " + RTP_PORTS + " udp dport " + BROWSER_PORTS + drop);
        log.info("media link of {}: {} % loss", namespace, percent);
    }

    /** No more loss. */
    public synchronized void clearLoss() {
        if (table) {
            run(false, "ip", "netns", "exec", namespace, "nft", "delete", "table", "inet", TABLE);
            table = false;
        }
    }

    /**
     * Limits what Janus sends towards the browsers to {@code kbit} kbit/s ({@code tbf rate … burst 32kbit latency
     * 400ms}); replaces an earlier limit. Only UDP to a browser's port ({@value #BROWSER_PORTS}) goes through the
     * limit (an {@code htb} root classifies with {@code u32}): the recorder's {@code rtp_forward}, on the same veth,
     * must not eat the county's bandwidth.
     */
    public synchronized void rateLimit(int kbit) {
        if (kbit < 8) {
            throw new IllegalArgumentException("kbit >= 8: " + kbit);
        }
        clearRateLimit();
        tc("qdisc", "add", "dev", veth, "root", "handle", "1:", "htb", "default", "20", "r2q", "100000");
        qdisc = true;
        tc("class", "add", "dev", veth, "parent", "1:", "classid", "1:10", "htb", "rate", "1gbit");
        tc("class", "add", "dev", veth, "parent", "1:", "classid", "1:20", "htb", "rate", "1gbit");
        tc("qdisc", "add", "dev", veth, "parent", "1:10", "handle", "10:", "tbf", "rate", kbit + "kbit", "burst",
                "32kbit", "latency", "400ms");
        // UDP (protocol 17) to a destination port with the top bit set: 32768-65535
        tc("filter", "add", "dev", veth, "parent", "1:", "protocol", "ip", "prio", "1", "u32", "match", "ip",
                "protocol", "17", "0xff", "match", "ip", "dport", "32768", "0x8000", "flowid", "1:10");
        log.info("media link of {}: {} kbit/s towards the browsers", namespace, kbit);
    }

    /** No more rate limit. */
    public synchronized void clearRateLimit() {
        if (qdisc) {
            run(true, "ip", "netns", "exec", namespace, "tc", "qdisc", "del", "dev", veth, "root");
            qdisc = false;
        }
    }

    /** Bytes and packets the rate limit dropped so far ({@code tc -s qdisc}), for the test's report. */
    public synchronized String rateLimitStats() {
        return run(true, "ip", "netns", "exec", namespace, "tc", "-s", "qdisc", "show", "dev", veth);
    }

    @Override
    public synchronized void close() {
        try {
            clearLoss();
        } finally {
            clearRateLimit();
        }
    }

    private void tc(String... args) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "tc"));
        full.addAll(List.of(args));
        run(false, full.toArray(String[]::new));
    }

    private void nft(String command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "nft"));
        full.add(command);
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
            throw new IllegalStateException("could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
