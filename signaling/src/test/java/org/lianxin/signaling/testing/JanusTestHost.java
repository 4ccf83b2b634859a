package org.lianxin.signaling.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lianxin.signaling.live.JanusConfig;
import org.lianxin.signaling.media.MediaEngine;
import org.lianxin.signaling.media.internal.janus.JanusMediaEngine;
import org.lianxin.signaling.media.internal.janus.JanusSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Janus (Debian's {@code /usr/bin/janus}) for integration tests, run inside a network
 * namespace of its own joined to this host by a veth pair in 198.18.0.0/15, so that its ICE
 * candidates and RTP stay on an address the test made (see shared/notes/janus.md). Needs root.
 *
 * <pre>
 *   root namespace: &lt;host veth&gt; 198.18.x.y+1/30   (browsers, recorders)
 *   namespace:      &lt;peer veth&gt; 198.18.x.y+2/30   janus: ws 8188, admin ws 7188, RTP 20000-20999
 * </pre>
 *
 * <p>A test fixture shared through signaling's test-jar (web's and recording's ITs, the benchmarks).
 * The config folder is written by {@link JanusConfig} (the same as {@code ./lianxin up} uses),
 * with ICE on the namespace's veth only; Janus's output goes to a file in the folder.
 * {@link #close()} (also run on JVM exit) kills Janus and removes the veth pair and the namespace.
 */
public final class JanusTestHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JanusTestHost.class);
    private static final Path JANUS = Path.of("/usr/bin/janus");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** 198.18.0.0, start of the benchmarking range 198.18.0.0/15 (RFC 2544), 32768 blocks of /30. */
    private static final long BASE = 0xC6120000L;
    public static final int WS_PORT = 8188;
    public static final int ADMIN_WS_PORT = 7188;

    private final String namespace;
    private final String hostVeth;
    private final String peerVeth;
    private final String hostAddress;
    private final String janusAddress;
    private final String adminKey = "ak-" + UUID.randomUUID();
    private final String adminSecret = "as-" + UUID.randomUUID();
    private final Path folder;
    private final Path logFile;
    private final List<Runnable> undo = new ArrayList<>();
    private final Thread shutdownHook;
    private Process janus;
    private volatile boolean closed;

    /** Whether this machine can run the host (Janus installed, root for {@code ip netns}). */
    public static boolean available() {
        boolean ip = Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")
                .anyMatch(p -> Files.isExecutable(Path.of(p)));
        boolean ok = ip && Files.isExecutable(JANUS) && "root".equals(System.getProperty("user.name"));
        if (!ok && strict()) {
            // ./lianxin test installs Janus and runs as root (CI): a missing piece there is a failure, not a skip
            throw new AssertionError("LIANXIN_TEST_STRICT is set but Janus, ip or root is missing");
        }
        return ok;
    }

    /** Set by {@code ./lianxin test}: tests must not skip for want of a real server. */
    public static boolean strict() {
        return System.getenv("LIANXIN_TEST_STRICT") != null;
    }

    /** Starts a Janus and waits until its WebSocket API accepts connections. */
    public static JanusTestHost start() {
        JanusTestHost host = new JanusTestHost();
        try {
            host.boot();
            return host;
        } catch (RuntimeException | Error e) {
            host.close();
            throw e;
        }
    }

    private JanusTestHost() {
        long pid = ProcessHandle.current().pid();
        int n = COUNTER.incrementAndGet();
        String tag = Long.toString(pid, 36) + "x" + Integer.toString(n, 36);
        namespace = "lxj-" + tag;
        hostVeth = "lxj" + tag + "h"; // at most 3 + 5 + 1 + 3 + 1 characters (IFNAMSIZ 16)
        peerVeth = "lxj" + tag + "p";
        int block = freeBlock((int) ((pid * 16 + n) % 32768));
        long base = BASE + block * 4L;
        hostAddress = ip(base + 1);
        janusAddress = ip(base + 2);
        try {
            folder = Files.createTempDirectory("lianxin-janus-" + tag + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        logFile = folder.resolve("janus.log");
        shutdownHook = new Thread(this::close, "janus-test-host-cleanup-" + tag);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The /30 block index in 198.18.0.0/15 nearest to {@code wanted} that no interface here uses. */
    private static int freeBlock(int wanted) {
        String used = run(List.of("ip", "-o", "-4", "addr", "show"), true);
        for (int i = 0; i < 32768; i++) {
            int block = (wanted + i) % 32768;
            long base = BASE + block * 4L;
            if (!used.contains(" " + ip(base + 1) + "/") && !used.contains(" " + ip(base + 2) + "/")) {
                return block;
            }
        }
        throw new IllegalStateException("no free /30 in 198.18.0.0/15");
    }

    private static String ip(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    private static final Pattern OUR_NAMESPACE = Pattern.compile("lxj-([0-9a-z]+)x([0-9a-z]+)");

    /**
     * Removes what test JVMs that died without cleaning up (SIGKILL, a forked JVM timed out) left:
     * namespaces named by this class whose JVM no longer runs, with the Janus inside them. Deleting
     * a namespace also deletes its veth pair.
     */
    static void sweepLeftovers() {
        for (String line : run(List.of("ip", "netns", "list"), true).lines().toList()) {
            String name = line.split(" ")[0];
            Matcher m = OUR_NAMESPACE.matcher(name);
            if (!m.matches()) {
                continue;
            }
            long pid = Long.parseLong(m.group(1), 36);
            if (ProcessHandle.of(pid).isPresent()) {
                continue; // a live test JVM (or, rarely, a reused pid): leave it
            }
            List<ProcessHandle> killed = new ArrayList<>();
            for (String p : run(List.of("ip", "netns", "pids", name), true).lines().toList()) {
                if (p.strip().matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(p.strip())).ifPresent(h -> {
                        h.destroyForcibly();
                        killed.add(h);
                    });
                }
            }
            for (ProcessHandle h : killed) { // gone before their namespace is deleted
                try {
                    h.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    log.warn("process {} in leftover namespace {} did not exit: {}", h.pid(), name, e.toString());
                }
            }
            run(List.of("ip", "netns", "del", name), true);
            log.warn("removed namespace {} left behind by dead test JVM {}", name, pid);
        }
    }

    private void boot() {
        sweepLeftovers();
        if (run(List.of("ip", "netns", "list"), true).lines().anyMatch(l -> l.split(" ")[0].equals(namespace))) {
            run(List.of("ip", "netns", "del", namespace), true); // left over by a killed run with our pid
        }
        run(List.of("ip", "netns", "add", namespace), false);
        undo.add(() -> run(List.of("ip", "netns", "del", namespace), true));
        run(List.of("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", peerVeth), false);
        undo.add(() -> run(List.of("ip", "link", "del", hostVeth), true));
        run(List.of("ip", "link", "set", peerVeth, "netns", namespace), false);
        run(List.of("ip", "addr", "add", hostAddress + "/30", "dev", hostVeth), false);
        run(List.of("ip", "link", "set", hostVeth, "up"), false);
        inNamespace("ip", "addr", "add", janusAddress + "/30", "dev", peerVeth);
        inNamespace("ip", "link", "set", peerVeth, "up");
        inNamespace("ip", "link", "set", "lo", "up");
        writeConfig();
        launch();
    }

    private void launch() {
        try {
            janus = new ProcessBuilder("ip", "netns", "exec", namespace, JANUS.toString(), "-F", folder.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start janus", e);
        }
        log.info("Janus test host {}: ns {}, {} <-> {}, config {}", namespace, namespace, hostAddress, janusAddress,
                folder);
        awaitPort(WS_PORT, Duration.ofSeconds(20));
    }

    private void awaitPort(int port, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!janus.isAlive()) {
                throw new IllegalStateException("janus exited with " + janus.exitValue() + ":\n" + logTail(40));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(janusAddress, port), 200);
                return;
            } catch (IOException e) {
                sleep(100);
            }
        }
        throw new IllegalStateException("janus did not open " + janusAddress + ":" + port + " within " + within
                + ":\n" + logTail(40));
    }

    private void writeConfig() {
        new JanusConfig(janusAddress, WS_PORT, ADMIN_WS_PORT, adminKey, adminSecret, peerVeth, namespace)
                .writeTo(folder);
    }

    private void inNamespace(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        run(full, false);
    }

    private static String run(List<String> command, boolean tolerateFailure) {
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
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ what tests use

    /** Stops Janus (SIGTERM) and starts it again with the same configuration: every session and room is gone. */
    public synchronized void restartJanus() {
        janus.destroy();
        try {
            if (!janus.waitFor(5, TimeUnit.SECONDS)) {
                janus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        launch();
    }

    /** Stops Janus (SIGTERM, SIGKILL after 5 s) and leaves it stopped: the node is down until {@link #startJanus()}. */
    public synchronized void stopJanus() {
        if (janus == null || !janus.isAlive()) {
            return;
        }
        janus.destroy();
        try {
            if (!janus.waitFor(5, TimeUnit.SECONDS)) {
                janus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        log.info("Janus test host {}: Janus stopped", namespace);
    }

    /**
     * Kills Janus at once (SIGKILL, as a crash or a lost machine: no goodbye on its connections) and leaves it
     * stopped until {@link #startJanus()}.
     */
    public synchronized void killJanus() {
        if (janus == null || !janus.isAlive()) {
            return;
        }
        try {
            janus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        log.info("Janus test host {}: Janus killed", namespace);
    }

    /** Starts Janus again after {@link #stopJanus()} (same configuration, nothing of before); returns once it listens. */
    public synchronized void startJanus() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (janus != null && janus.isAlive()) {
            throw new IllegalStateException("Janus is running");
        }
        launch();
    }

    /** Janus's WebSocket API (on the namespace address). */
    public URI wsUrl() {
        return URI.create("ws://" + janusAddress + ":" + WS_PORT + "/");
    }

    /** Janus's Admin API over WebSocket (subprotocol {@code janus-admin-protocol}). */
    public URI adminWsUrl() {
        return URI.create("ws://" + janusAddress + ":" + ADMIN_WS_PORT + "/");
    }

    /**
     * A media engine (the media port, on the Janus adapter) connected to this Janus, with
     * {@link #settings()}; the caller closes it. Waits up to 15 s for the connection.
     */
    public MediaEngine mediaEngine() {
        JanusMediaEngine engine = new JanusMediaEngine(settings());
        try {
            engine.start().get(15, TimeUnit.SECONDS);
            return engine;
        } catch (Exception e) {
            engine.close();
            throw new IllegalStateException("no connection to the Janus at " + wsUrl() + ": " + e, e);
        }
    }

    /**
     * Adapter settings for this Janus: 5 s per request, default keepalive, quick backoff, Admin API on.
     * For tests of the adapter itself; other tests use {@link #mediaEngine()} (the port).
     */
    public JanusSettings settings() {
        return JanusSettings.of(wsUrl(), adminKey).withRequestTimeout(Duration.ofSeconds(5))
                .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(2))
                .withAdminApi(adminWsUrl(), adminSecret);
    }

    public String adminKey() {
        return adminKey;
    }

    public String adminSecret() {
        return adminSecret;
    }

    /** Janus's address (inside the namespace). */
    public String janusAddress() {
        return janusAddress;
    }

    /** This host's end of the veth pair: where a recorder listens for {@code rtp_forward}. */
    public String hostAddress() {
        return hostAddress;
    }

    public String namespace() {
        return namespace;
    }

    /** The veth end in this (the root) namespace, towards Janus. */
    public String hostInterface() {
        return hostVeth;
    }

    /** The veth end inside {@link #namespace()}: Janus's only interface besides loopback. */
    public String peerInterface() {
        return peerVeth;
    }

    public boolean isRunning() {
        return janus != null && janus.isAlive() && !closed;
    }

    public Path logFile() {
        return logFile;
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no janus log: " + e + ")";
        }
    }

    /** Stops Janus (SIGTERM, then SIGKILL after 5 s) and removes the veth pair, the namespace and the folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (janus != null && janus.isAlive()) {
            janus.destroy();
            try {
                if (!janus.waitFor(5, TimeUnit.SECONDS)) {
                    janus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = undo.size() - 1; i >= 0; i--) {
            try {
                undo.get(i).run();
            } catch (RuntimeException e) {
                log.warn("cleanup of {} failed: {}", namespace, e.toString());
            }
        }
        undo.clear();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            log.debug("could not delete {}", folder);
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook runs (and returns at once)
            }
        }
    }
}
