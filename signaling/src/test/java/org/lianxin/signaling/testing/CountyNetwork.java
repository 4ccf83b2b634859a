package org.lianxin.signaling.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lianxin.signaling.live.JanusConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A county reception room's network for integration tests and benchmarks: a router namespace joining a media
 * namespace (a real Janus, configured by {@link JanusConfig}), a TURN namespace (a real coturn, configured by
 * {@code turn.TurnConfig}, with a certificate made here for {@code turns:} on 443), a county namespace (where the
 * kiosk's chromedriver and Chromium run) and this host (the application and the test JVM). Needs root.
 *
 * <pre>
 *                 router (ip_forward=1; loss/outage rules in its forward chain)
 *       .1 ┌──────────┬───────────┬────────────┐ .13
 *   media .2      turn .6      county .10       host .14 (root namespace: the app, Selenium, the leader's browser)
 *   Janus 8188    coturn 3478/443   chromedriver, Chromium; nftables: only TCP to TURN:443 and to the app's port
 * </pre>
 *
 * The four links are the four /30 blocks of one free /28 in 198.18.0.0/15; every namespace (and this host) has a
 * route for just that /28 via the router, no default route. With {@link #firewall(int)} the county's own nftables
 * drop all UDP and every TCP connection except to the TURN server's 443 and the application's HTTP port (and, inbound,
 * chromedriver's port from this host): media can only flow relayed over TURN/TLS. {@link #outage(boolean)},
 * {@link #loss(int)} and {@link #rate(int)} act on the county's link in the router; {@link #stopTurn()} and
 * {@link #startTurn()} on coturn.
 *
 * <p>Names derive from the JVM's pid and a counter ({@code lxc-<pid36>x<n36>-r|m|t|c}) so that concurrent test JVMs
 * never collide; {@link #close()} (also on JVM exit) stops every process and deletes the namespaces (which deletes the
 * veths and the host route); a later start sweeps what a killed JVM left. Shared through signaling's test-jar.
 */
public final class CountyNetwork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CountyNetwork.class);
    private static final Path JANUS = Path.of("/usr/bin/janus");
    private static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
    private static final Path NFT = Path.of("/usr/sbin/nft");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** 198.18.0.0/15 in /28 groups of four /30 links. */
    private static final long BASE = 0xC6120000L;
    private static final int GROUPS = 8192;
    public static final int JANUS_WS_PORT = 8188;
    public static final int JANUS_ADMIN_WS_PORT = 7188;
    public static final int TURN_PORT = 3478;
    public static final int TURNS_PORT = 443;
    public static final int CHROMEDRIVER_PORT = 9515;
    public static final String TURN_REALM = "county.test";

    private final String tag;
    private final String router;
    private final String media;
    private final String turn;
    private final String county;
    private final String hostVeth;
    private final long base;
    private final Path folder;
    private final String adminKey = "ak-" + UUID.randomUUID();
    private final String adminSecret = "as-" + UUID.randomUUID();
    private final String turnSecret = HexFormat.of().formatHex(randomBytes(24));
    private final List<Runnable> undo = new ArrayList<>();
    private final Thread shutdownHook;
    private Process janus;
    private Process coturn;
    private Process chromedriver;
    private String spki;
    private boolean outage;
    private int lossPercent;
    private volatile boolean closed;

    /** Whether this machine can build the network (root, ip, nft, janus, coturn, openssl). */
    public static boolean available() {
        boolean ip = Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")
                .anyMatch(p -> Files.isExecutable(Path.of(p)));
        boolean ok = ip && Files.isExecutable(JANUS) && Files.isExecutable(TURNSERVER) && Files.isExecutable(NFT)
                && Files.isExecutable(Path.of("/usr/bin/openssl")) && "root".equals(System.getProperty("user.name"));
        if (!ok && JanusTestHost.strict()) {
            throw new AssertionError("LIANXIN_TEST_STRICT is set but janus, coturn, nft, openssl, ip or root is missing");
        }
        return ok;
    }

    /** Builds the network and starts Janus and coturn; returns once both listen. No firewall yet. */
    public static CountyNetwork start() {
        CountyNetwork net = new CountyNetwork();
        try {
            net.boot();
            return net;
        } catch (RuntimeException | Error e) {
            net.close();
            throw e;
        }
    }

    private CountyNetwork() {
        long pid = ProcessHandle.current().pid();
        int n = COUNTER.incrementAndGet();
        tag = Long.toString(pid, 36) + "x" + Integer.toString(n, 36);
        router = "lxc-" + tag + "-r";
        media = "lxc-" + tag + "-m";
        turn = "lxc-" + tag + "-t";
        county = "lxc-" + tag + "-c";
        hostVeth = "lxc" + tag + "h"; // IFNAMSIZ 16: 3 + 5 + 1 + 3 + 1
        base = BASE + 16L * freeGroup((int) ((pid * 7 + n * 131) % GROUPS));
        try {
            folder = Files.createTempDirectory("lianxin-county-" + tag + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shutdownHook = new Thread(this::close, "county-network-cleanup-" + tag);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A /28 group of 198.18.0.0/15, nearest to {@code wanted}, with no address or route of it in use here. */
    private static int freeGroup(int wanted) {
        String used = run(List.of("ip", "-o", "-4", "addr", "show"), true) + run(List.of("ip", "-4", "route", "show"), true);
        Pattern inRange = Pattern.compile("(198\\.1[89]\\.\\d+\\.\\d+)");
        List<Long> taken = new ArrayList<>();
        Matcher m = inRange.matcher(used);
        while (m.find()) {
            taken.add(parse(m.group(1)));
        }
        for (int i = 0; i < GROUPS; i++) {
            int g = (wanted + i) % GROUPS;
            long start = BASE + 16L * g;
            if (taken.stream().noneMatch(a -> a >= start && a < start + 16)) {
                return g;
            }
        }
        throw new IllegalStateException("no free /28 in 198.18.0.0/15");
    }

    private static long parse(String ip) {
        String[] p = ip.split("\\.");
        return (Long.parseLong(p[0]) << 24) | (Long.parseLong(p[1]) << 16) | (Long.parseLong(p[2]) << 8) | Long.parseLong(p[3]);
    }

    private static String ip(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    private static final Pattern OUR_NAMESPACE = Pattern.compile("lxc-([0-9a-z]+)x([0-9a-z]+)-[rmtc]");

    /** Removes the namespaces (and the processes in them) of test JVMs that died without cleaning up. */
    static void sweepLeftovers() {
        for (String line : run(List.of("ip", "netns", "list"), true).lines().toList()) {
            String name = line.split(" ")[0];
            Matcher m = OUR_NAMESPACE.matcher(name);
            if (!m.matches() || ProcessHandle.of(Long.parseLong(m.group(1), 36)).isPresent()) {
                continue;
            }
            killAllIn(name);
            run(List.of("ip", "netns", "del", name), true);
            log.warn("removed namespace {} left behind by a dead test JVM", name);
        }
    }

    private static void killAllIn(String namespace) {
        List<ProcessHandle> killed = new ArrayList<>();
        for (String p : run(List.of("ip", "netns", "pids", namespace), true).lines().toList()) {
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
                log.warn("process {} in namespace {} did not exit: {}", h.pid(), namespace, e.toString());
            }
        }
    }

    // ------------------------------------------------------------------ building

    private void boot() {
        sweepLeftovers();
        addNamespace(router);
        in(router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        String[] leaves = {media, turn, county};
        for (int i = 0; i < leaves.length; i++) {
            addNamespace(leaves[i]);
            String r = "lxc" + tag + "r" + i;
            String l = "lxc" + tag + "l" + i;
            run(List.of("ip", "link", "add", r, "type", "veth", "peer", "name", l), false);
            run(List.of("ip", "link", "set", r, "netns", router), false);
            run(List.of("ip", "link", "set", l, "netns", leaves[i]), false);
            in(router, "ip", "addr", "add", ip(base + 4L * i + 1) + "/30", "dev", r);
            in(router, "ip", "link", "set", r, "up");
            in(leaves[i], "ip", "addr", "add", ip(base + 4L * i + 2) + "/30", "dev", l);
            in(leaves[i], "ip", "link", "set", l, "up");
            in(leaves[i], "ip", "route", "add", ip(base) + "/28", "via", ip(base + 4L * i + 1));
        }
        // the host's link: the app and the test JVM reach the namespaces (and only the /28) through the router
        String r = "lxc" + tag + "r3";
        run(List.of("ip", "link", "add", hostVeth, "type", "veth", "peer", "name", r), false);
        undo.add(() -> run(List.of("ip", "link", "del", hostVeth), true));
        run(List.of("ip", "link", "set", r, "netns", router), false);
        in(router, "ip", "addr", "add", ip(base + 13) + "/30", "dev", r);
        in(router, "ip", "link", "set", r, "up");
        run(List.of("ip", "addr", "add", hostAddress() + "/30", "dev", hostVeth), false);
        run(List.of("ip", "link", "set", hostVeth, "up"), false);
        run(List.of("ip", "route", "add", ip(base) + "/28", "via", ip(base + 13)), false);
        in(router, "nft", "add", "table", "inet", "lxloss");
        in(router, "nft", "add chain inet lxloss lossfwd { type filter hook forward priority 0 ; policy accept ; }");
        startJanus();
        makeCertificate();
        writeTurnConfig();
        startTurn();
        log.info("county network {}: host {}, Janus {}, TURN {}, county {}, folder {}", tag, hostAddress(),
                janusAddress(), turnAddress(), countyAddress(), folder);
    }

    private void addNamespace(String name) {
        if (run(List.of("ip", "netns", "list"), true).lines().anyMatch(l -> l.split(" ")[0].equals(name))) {
            killAllIn(name);
            run(List.of("ip", "netns", "del", name), true);
        }
        run(List.of("ip", "netns", "add", name), false);
        undo.add(() -> {
            killAllIn(name);
            run(List.of("ip", "netns", "del", name), true);
        });
        in(name, "ip", "link", "set", "lo", "up");
    }

    private void startJanus() {
        Path conf = folder.resolve("janus");
        new JanusConfig(janusAddress(), JANUS_WS_PORT, JANUS_ADMIN_WS_PORT, adminKey, adminSecret, "lxc" + tag + "l0",
                "lianxin-" + tag).writeTo(conf);
        janus = launch(media, folder.resolve("janus.log"), JANUS.toString(), "-F", conf.toString());
        awaitPort(janus, janusAddress(), JANUS_WS_PORT, Duration.ofSeconds(20), folder.resolve("janus.log"));
    }

    private void makeCertificate() {
        String ip = turnAddress();
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", folder.resolve("turn-key.pem").toString(), "-out", certificate().toString(), "-days", "2",
                "-subj", "/CN=" + ip, "-addext", "subjectAltName=IP:" + ip), false);
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificate())));
            spki = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the test certificate", e);
        }
    }

    private void writeTurnConfig() {
        new org.lianxin.signaling.turn.TurnConfig(turnAddress(), null, TURN_PORT, TURNS_PORT, turnSecret, TURN_REALM,
                certificate(), folder.resolve("turn-key.pem"), List.of(janusAddress()), 49160, 49400,
                folder.resolve("turn.log")).writeTo(folder.resolve("turnserver.conf"));
    }

    private Process launch(String namespace, Path logFile, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        try {
            return new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command[0], e);
        }
    }

    private static void awaitPort(Process process, String address, int port, Duration within, Path logFile) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.info().command().orElse("process") + " exited with "
                        + process.exitValue() + ":\n" + tail(logFile, 30));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException e) {
                pause(100);
            }
        }
        throw new IllegalStateException(address + ":" + port + " not open within " + within + ":\n" + tail(logFile, 30));
    }

    private static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void in(String namespace, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        if (command.length == 2 && command[0].equals("nft")) {
            full.add("nft");
            full.add(command[1]);
        } else {
            full.addAll(List.of(command));
        }
        run(full, false);
    }

    private void nftScript(String namespace, String script) {
        Path file = folder.resolve(namespace + ".nft");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("ip", "netns", "exec", namespace, "nft", "-f", file.toString()), false);
    }

    private static String run(List<String> command, boolean tolerateFailure) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
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

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log " + file + ": " + e + ")";
        }
    }

    // ------------------------------------------------------------------ addresses and settings

    public String janusAddress() {
        return ip(base + 2);
    }

    public String turnAddress() {
        return ip(base + 6);
    }

    public String countyAddress() {
        return ip(base + 10);
    }

    /** This host's address on the network: where the county reaches the application. */
    public String hostAddress() {
        return ip(base + 14);
    }

    public URI janusWsUrl() {
        return URI.create("ws://" + janusAddress() + ":" + JANUS_WS_PORT + "/");
    }

    public URI janusAdminWsUrl() {
        return URI.create("ws://" + janusAddress() + ":" + JANUS_ADMIN_WS_PORT + "/");
    }

    public String janusAdminKey() {
        return adminKey;
    }

    public String janusAdminSecret() {
        return adminSecret;
    }

    /** coturn's {@code static-auth-secret}: the application's {@code lianxin.turn.secret}. */
    public String turnSecret() {
        return turnSecret;
    }

    /** The URLs to hand out: {@code turn:} over UDP and TCP on 3478, {@code turns:} on 443. */
    public List<String> turnUrls() {
        return List.of("turn:" + turnAddress() + ":" + TURN_PORT + "?transport=udp",
                "turn:" + turnAddress() + ":" + TURN_PORT + "?transport=tcp",
                "turns:" + turnAddress() + ":" + TURNS_PORT + "?transport=tcp");
    }

    /** The test certificate of {@code turns:} (subjectAltName = the TURN address). */
    public Path certificate() {
        return folder.resolve("turn-cert.pem");
    }

    /**
     * base64(SHA-256(SubjectPublicKeyInfo)) of the test certificate: Chromium verifies TURN TLS certificates, so a
     * browser here starts with {@code --ignore-certificate-errors-spki-list=<this>} (see {@link #chromiumArguments}).
     */
    public String certificateSpki() {
        return spki;
    }

    /**
     * What Chromium in the county needs besides its usual flags: the pinned TURN certificate, and the application's
     * plain-HTTP origin on this network treated as secure (camera and microphone need a secure context).
     */
    public List<String> chromiumArguments(int appPort) {
        return List.of("--ignore-certificate-errors-spki-list=" + spki,
                "--unsafely-treat-insecure-origin-as-secure=" + appUrl(appPort));
    }

    /** The application as the county sees it. */
    public String appUrl(int appPort) {
        return "http://" + hostAddress() + ":" + appPort;
    }

    public String routerNamespace() {
        return router;
    }

    public String mediaNamespace() {
        return media;
    }

    public String turnNamespace() {
        return turn;
    }

    public String countyNamespace() {
        return county;
    }

    public String turnLogTail(int lines) {
        return tail(folder.resolve("turn.log"), lines);
    }

    public String janusLogTail(int lines) {
        return tail(folder.resolve("janus.log"), lines);
    }

    /** chromedriver's output, with that of the Chromium it started (its stderr): deleted with the network. */
    public Path chromedriverLog() {
        return folder.resolve("chromedriver.log");
    }

    // ------------------------------------------------------------------ the county

    /**
     * Starts chromedriver in the county (once), reachable from this host only; returns its URL for a
     * {@code RemoteWebDriver}. The browsers it starts run in the county's network.
     */
    public synchronized URI chromedriver() {
        return chromedriver(false);
    }

    /**
     * As {@link #chromedriver()}; with {@code browserLogs} (when it starts) the browsers' own output (their stderr,
     * e.g. WebRTC's log lines with {@code --enable-logging=stderr}) goes to {@link #chromedriverLog()} too.
     */
    public synchronized URI chromedriver(boolean browserLogs) {
        if (chromedriver == null || !chromedriver.isAlive()) {
            List<String> command = new ArrayList<>(List.of(CHROMEDRIVER.toString(), "--port=" + CHROMEDRIVER_PORT,
                    "--allowed-ips=" + hostAddress(), "--allowed-origins=*"));
            if (browserLogs) {
                command.add("--enable-chrome-logs");
            }
            chromedriver = launch(county, folder.resolve("chromedriver.log"), command.toArray(String[]::new));
            awaitPort(chromedriver, countyAddress(), CHROMEDRIVER_PORT, Duration.ofSeconds(20),
                    folder.resolve("chromedriver.log"));
        }
        return URI.create("http://" + countyAddress() + ":" + CHROMEDRIVER_PORT);
    }

    /**
     * The county's firewall on: nothing leaves the county but TCP to the TURN server's 443 and to the application's
     * {@code appPort} on this host; nothing enters but replies and chromedriver's port from this host. All UDP is
     * dropped: media can only go relayed over TURN/TLS.
     */
    public synchronized void firewall(int appPort) {
        firewall(new int[] {appPort});
    }

    /** The same, with several ports of the application (e.g. a benchmark's page server besides the app). */
    public synchronized void firewall(int... appPorts) {
        StringBuilder ports = new StringBuilder();
        for (int p : appPorts) {
            ports.append(ports.length() == 0 ? "" : ", ").append(p);
        }
        nftScript(county, """
                table inet lxcounty
                delete table inet lxcounty
                table inet lxcounty {
                  chain out {
                    type filter hook output priority 0 ; policy accept ;
                    oif "lo" accept
                    ct state established,related accept
                    ip daddr %s tcp dport %d accept
                    ip daddr %s tcp dport { %s } accept
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
                """.formatted(turnAddress(), TURNS_PORT, hostAddress(), ports, hostAddress(), CHROMEDRIVER_PORT));
    }

    /** The county's firewall off: the county reaches Janus directly (the baseline of {@code bench relay}). */
    public synchronized void noFirewall() {
        nftScript(county, "table inet lxcounty\ndelete table inet lxcounty\n");
    }

    /** A full drop of the county's link in both directions (on) or its end (off). Loss settings stay. */
    public synchronized void outage(boolean on) {
        outage = on;
        lossRules();
    }

    /** Random loss of {@code percent} % of the county's packets in each direction (0: none). */
    public synchronized void loss(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent 0..100: " + percent);
        }
        lossPercent = percent;
        lossRules();
    }

    private void lossRules() {
        StringBuilder rules = new StringBuilder("flush chain inet lxloss lossfwd\n");
        String c = countyAddress();
        if (outage || lossPercent == 100) {
            rules.append("add rule inet lxloss lossfwd ip saddr ").append(c).append(" drop\n");
            rules.append("add rule inet lxloss lossfwd ip daddr ").append(c).append(" drop\n");
        } else if (lossPercent > 0) {
            rules.append("add rule inet lxloss lossfwd ip saddr ").append(c).append(" numgen random mod 100 < ")
                    .append(lossPercent).append(" drop\n");
            rules.append("add rule inet lxloss lossfwd ip daddr ").append(c).append(" numgen random mod 100 < ")
                    .append(lossPercent).append(" drop\n");
        }
        nftScript(router, rules.toString());
    }

    /** The county's link limited to {@code kbit} kbit/s in each direction (tbf); 0 removes the limit. */
    public synchronized void rate(int kbit) {
        String toCounty = "lxc" + tag + "r2";
        String fromCounty = "lxc" + tag + "l2";
        if (kbit <= 0) {
            run(List.of("ip", "netns", "exec", router, "tc", "qdisc", "del", "dev", toCounty, "root"), true);
            run(List.of("ip", "netns", "exec", county, "tc", "qdisc", "del", "dev", fromCounty, "root"), true);
            return;
        }
        String burst = Math.max(16, kbit / 8) + "kbit";
        in(router, "tc", "qdisc", "replace", "dev", toCounty, "root", "tbf", "rate", kbit + "kbit", "burst", burst,
                "latency", "400ms");
        in(county, "tc", "qdisc", "replace", "dev", fromCounty, "root", "tbf", "rate", kbit + "kbit", "burst", burst,
                "latency", "400ms");
    }

    /** Stops coturn (every relayed allocation dies with it). */
    public synchronized void stopTurn() {
        stop(coturn);
        log.info("county network {}: coturn stopped", tag);
    }

    /** Starts coturn (again); returns once it listens on 3478 and 443. */
    public synchronized void startTurn() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (coturn != null && coturn.isAlive()) {
            return;
        }
        coturn = launch(turn, folder.resolve("turn-stdout.log"), TURNSERVER.toString(), "-c",
                folder.resolve("turnserver.conf").toString());
        awaitPort(coturn, turnAddress(), TURNS_PORT, Duration.ofSeconds(20), folder.resolve("turn.log"));
        awaitPort(coturn, turnAddress(), TURN_PORT, Duration.ofSeconds(20), folder.resolve("turn.log"));
    }

    public boolean turnRunning() {
        return coturn != null && coturn.isAlive();
    }

    /** Stops chromedriver, coturn and Janus, deletes the namespaces (their veths and the host route) and the folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(chromedriver);
        stop(coturn);
        stop(janus);
        for (int i = undo.size() - 1; i >= 0; i--) {
            try {
                undo.get(i).run();
            } catch (RuntimeException e) {
                log.warn("cleanup of county network {} failed: {}", tag, e.toString());
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
                // shutting down
            }
        }
    }
}
