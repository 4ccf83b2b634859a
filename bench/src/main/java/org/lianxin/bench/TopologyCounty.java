package org.lianxin.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * The county of a {@link Topology}: a network namespace joined to this host by one veth pair in 198.18.0.0/15 (an
 * aligned /29 no address or route here uses), where chromedriver and the headless Chromiums of the kiosk and the
 * console run, as county terminals behind the county's firewall:
 *
 * <pre>
 *   this host:  &lt;host veth&gt; .1/29 HAProxy's HTTPS frontend :443   .2/29 coturn :443 (turns:) and :3478
 *   county:     &lt;peer veth&gt; .3/29 chromedriver :9515, Chromium
 * </pre>
 *
 * The county has no route but its /29, and its nftables let out only TCP to .1:443 and .2:443 (HTTPS 443 outbound
 * only, issue 14) and let in only replies and chromedriver's port from this host: no UDP, no TCP 3478, no Janus node
 * (no route to their namespaces either). Media can flow only browser → coturn (TURN over TLS) → Janus. The pages are
 * loaded from files (a secure context for the camera, no page server to reach).
 *
 * <p>Names are {@code lxk-<pid36>x<n36>}; {@link #close()} (also on JVM exit) kills every process in the namespace
 * and deletes it (which deletes the veth pair); a later start removes what a killed JVM left.
 */
final class TopologyCounty implements AutoCloseable {
    static final Path NFT = Path.of("/usr/sbin/nft");
    static final int CHROMEDRIVER_PORT = 9515;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long BASE = 0xC6120000L; // 198.18.0.0
    private static final Pattern OURS = Pattern.compile("lxk-([0-9a-z]+)x([0-9a-z]+)");

    private final String namespace;
    private final String hostVeth;
    private final String peerVeth;
    private final long base;
    private final Path dir;
    private final Thread shutdownHook;
    private final List<Runnable> undo = new ArrayList<>();
    private Process chromedriver;
    private boolean closed;

    private TopologyCounty(Path dir) {
        long pid = ProcessHandle.current().pid();
        String tag = Long.toString(pid, 36) + "x" + Integer.toString(COUNTER.incrementAndGet(), 36);
        namespace = "lxk-" + tag;
        hostVeth = "lxk" + tag + "h";
        peerVeth = "lxk" + tag + "p";
        base = BASE + 8L * freeBlock((int) ((pid * 13) % 16384));
        this.dir = dir;
        shutdownHook = new Thread(this::close, "topology-county-cleanup-" + tag);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Builds the namespace and its link, with the firewall on; chromedriver starts with {@link #startChromedriver}. */
    static TopologyCounty start(Path dir) {
        TopologyCounty c = new TopologyCounty(dir);
        try {
            c.boot();
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** HAProxy's HTTPS frontend address (on this host's veth). */
    String frontAddress() {
        return ip(base + 1);
    }

    /** coturn's listening and relay address (on this host's veth). */
    String turnAddress() {
        return ip(base + 2);
    }

    String countyAddress() {
        return ip(base + 3);
    }

    private void boot() {
        sweepLeftovers();
        Topology.run(List.of("ip", "netns", "add", namespace));
        undo.add(() -> {
            killAllIn(namespace);
            runQuietly(List.of("ip", "netns", "del", namespace));
        });
        Topology.run(List.of("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", peerVeth));
        undo.add(() -> runQuietly(List.of("ip", "link", "del", hostVeth)));
        Topology.run(List.of("ip", "link", "set", peerVeth, "netns", namespace));
        Topology.run(List.of("ip", "addr", "add", frontAddress() + "/29", "dev", hostVeth));
        Topology.run(List.of("ip", "addr", "add", turnAddress() + "/29", "dev", hostVeth));
        Topology.run(List.of("ip", "link", "set", hostVeth, "up"));
        in("ip", "addr", "add", countyAddress() + "/29", "dev", peerVeth);
        in("ip", "link", "set", peerVeth, "up");
        in("ip", "link", "set", "lo", "up");
        Path rules = dir.resolve("county.nft");
        try {
            Files.writeString(rules, """
                    table inet lxcounty {
                      chain out {
                        type filter hook output priority 0 ; policy accept ;
                        oif "lo" accept
                        ct state established,related accept
                        ip daddr { %s, %s } tcp dport 443 accept
                        meta l4proto { tcp, udp } drop
                      }
                      chain in {
                        type filter hook input priority 0 ; policy accept ;
                        iif "lo" accept
                        ct state established,related accept
                        ip saddr %s tcp dport %d accept
                        meta l4proto { tcp, udp } drop
                      }
                    }
                    """.formatted(frontAddress(), turnAddress(), frontAddress(), CHROMEDRIVER_PORT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in(NFT.toString(), "-f", rules.toString());
    }

    /** Starts chromedriver in the county (reachable from this host only); returns once it listens. */
    void startChromedriver() throws InterruptedException {
        Path log = dir.resolve("county-chromedriver.log");
        try {
            chromedriver = new ProcessBuilder("ip", "netns", "exec", namespace, Chromium.CHROMEDRIVER.toString(),
                    "--port=" + CHROMEDRIVER_PORT, "--allowed-ips=" + frontAddress(), "--allowed-origins=*")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Topology.await("chromedriver in the county", 30, () -> {
            if (!chromedriver.isAlive()) {
                throw new IllegalStateException("chromedriver exited: " + Topology.read(log));
            }
            return reaches(countyAddress(), CHROMEDRIVER_PORT);
        });
    }

    /** Whether a TCP connection from the county to {@code address:port} succeeds within 3 s. */
    boolean countyReaches(String address, int port) {
        try {
            Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "timeout", "3", "bash", "-c",
                    "exec 3<>/dev/tcp/" + address + "/" + port).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bench pages {@code names} written to the topology's folder: what the county's browsers load (file://). */
    Path pages(List<String> names) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pages"));
        for (String name : names) {
            try (InputStream in = BenchPages.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("no bench page " + name);
                }
                Files.write(folder.resolve(name), in.readAllBytes());
            }
        }
        return folder;
    }

    /** A headless Chromium in the county (fake camera and microphone, Debian's flags), driven through chromedriver. */
    Browser browser() throws IOException {
        Path profile = Files.createTempDirectory(dir, "county-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-features=WebRtcHideLocalIpsWithMdns,MediaRouter,OptimizationHints",
                // the test certificates of HAProxy's frontend and of coturn's turns: (Chromium verifies TURN's)
                "--ignore-certificate-errors", "--user-data-dir=" + profile);
        RemoteWebDriver driver = new RemoteWebDriver(
                URI.create("http://" + countyAddress() + ":" + CHROMEDRIVER_PORT).toURL(), options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Browser(driver, profile);
    }

    /** One county browser. */
    static final class Browser implements AutoCloseable {
        private final RemoteWebDriver driver;
        private final Path profile;

        Browser(RemoteWebDriver driver, Path profile) {
            this.driver = driver;
            this.profile = profile;
        }

        RemoteWebDriver driver() {
            return driver;
        }

        Object js(String script, Object... args) {
            return driver.executeScript(script, args);
        }

        /**
         * The selected candidate pair of the page's peer connection {@code connection} ({@code pub}, {@code sub}):
         * local candidate type, the relay protocol when relayed, and the remote address ("relay/tls 198.18.0.6").
         */
        String route(String connection) {
            Object route = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "const pc = window.eval(arguments[0]);"
                    + "if (typeof pc !== 'object' || !pc) return done('none');"
                    + "pc.getStats().then(r => { let out = 'unknown'; r.forEach(x => {"
                    + "  if (x.type === 'transport' && x.selectedCandidatePairId) {"
                    + "    const p = r.get(x.selectedCandidatePairId); const l = p && r.get(p.localCandidateId);"
                    + "    const m = p && r.get(p.remoteCandidateId);"
                    + "    if (l) out = l.candidateType + (l.relayProtocol ? '/' + l.relayProtocol : '')"
                    + "      + (m ? ' ' + m.address : ''); } });"
                    + "  done(out); }, e => done('error ' + e));", connection);
            return String.valueOf(route);
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } catch (RuntimeException e) {
                // already gone
            } finally {
                ReviewLatencyBench.deleteTree(profile);
            }
        }
    }

    /** Kills chromedriver and its browsers and every other process in the namespace, deletes it and the veths. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (chromedriver != null) {
            chromedriver.descendants().forEach(ProcessHandle::destroyForcibly);
            Topology.kill(chromedriver);
        }
        for (int i = undo.size() - 1; i >= 0; i--) {
            try {
                undo.get(i).run();
            } catch (RuntimeException e) {
                System.err.println("county cleanup: " + e);
            }
        }
        undo.clear();
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
    }

    // ------------------------------------------------------------------ small parts

    private void in(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        Topology.run(full);
    }

    private static boolean reaches(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** An aligned /29 of 198.18.0.0/15, nearest to {@code wanted}, with no address or route of it here. */
    private static int freeBlock(int wanted) {
        String used = runQuietly(List.of("ip", "-o", "-4", "addr", "show"))
                + runQuietly(List.of("ip", "-4", "route", "show"));
        List<Long> taken = new ArrayList<>();
        Matcher m = Pattern.compile("(198\\.1[89]\\.\\d+\\.\\d+)").matcher(used);
        while (m.find()) {
            String[] p = m.group(1).split("\\.");
            taken.add((Long.parseLong(p[0]) << 24) | (Long.parseLong(p[1]) << 16) | (Long.parseLong(p[2]) << 8)
                    | Long.parseLong(p[3]));
        }
        for (int i = 0; i < 16384; i++) {
            long start = BASE + 8L * ((wanted + i) % 16384);
            if (taken.stream().noneMatch(a -> a >= start && a < start + 8)) {
                return (wanted + i) % 16384;
            }
        }
        throw new IllegalStateException("no free /29 in 198.18.0.0/15");
    }

    private static String ip(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    /** Removes the county namespaces (and their processes) of JVMs that died without cleaning up. */
    private static void sweepLeftovers() {
        for (String line : runQuietly(List.of("ip", "netns", "list")).lines().toList()) {
            String name = line.split(" ")[0];
            Matcher m = OURS.matcher(name);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1), 36)).isEmpty()) {
                killAllIn(name);
                runQuietly(List.of("ip", "netns", "del", name));
            }
        }
    }

    private static void killAllIn(String namespace) {
        List<ProcessHandle> killed = new ArrayList<>();
        for (String p : runQuietly(List.of("ip", "netns", "pids", namespace)).lines().toList()) {
            if (p.strip().matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(p.strip())).ifPresent(h -> {
                    h.destroyForcibly();
                    killed.add(h);
                });
            }
        }
        for (ProcessHandle h : killed) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("process " + h.pid() + " in " + namespace + " did not exit: " + e);
            }
        }
    }

    private static String runQuietly(List<String> command) {
        try {
            return Topology.run(command);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
