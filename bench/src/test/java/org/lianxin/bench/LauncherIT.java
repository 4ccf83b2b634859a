package org.lianxin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.Manifest;
import org.lianxin.recording.Recording;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.testing.TestRecordings;
import org.springframework.util.FileSystemUtils;

/**
 * Runs the launcher as a user would: every command that {@code ./lianxin help} and README.md show, with bad arguments
 * too, so that the launcher, its usage text and the README cannot drift apart.
 *
 * <p>{@code verify-recording} runs for real against a recording this test stores in a local folder; the first run
 * builds through the launcher (its nested {@code mvn -pl recording -am test-compile}), later ones pass
 * {@code LIANXIN_SKIP_BUILD=1}. {@code up} runs for real with {@code LIANXIN_SKIP_BUILD=1} (a nested
 * {@code mvn package} would rewrite the jars this very build has on its classpath; the jar the reactor just packaged
 * is used, and the launcher refuses it if a source file is newer), a temporary data folder and a free
 * {@code SERVER_PORT}, and is stopped with SIGTERM. {@code test} and {@code bench}, which run for many minutes, are
 * checked with {@code LIANXIN_DRY_RUN=1}: the launcher checks their arguments and says what it would run.
 */
class LauncherIT {

    static final long RECORDING = 7;
    static final List<String> COMMANDS = List.of("up", "test", "bench", "verify-recording", "verify-audit", "check",
            "help");
    static final List<String> BENCHMARKS = List.of("booking", "join", "signaling", "recording", "review-latency",
            "relay", "drop", "admit", "statistics", "audit", "webhooks", "capacity", "failover");

    static Path root;
    static Path work;
    static Path recordings;
    static Manifest manifest;

    record Result(int code, String out, String err) {
        String both() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    @BeforeAll
    static void storeARecordingAndBuildTheVerifierOnce() throws Exception {
        root = Repository.root();
        work = Files.createTempDirectory("lianxin-launcher-it-");
        recordings = Files.createDirectories(work.resolve("recordings"));
        ObjectStore store = ObjectStores.local(recordings);
        manifest = TestRecordings.store(store, RECORDING, 4);
        // the launcher's own build path once (nested Maven build of recording and what it needs)
        Result r = run(verifyEnv(false), Duration.ofMinutes(15), "verify-recording", Long.toString(RECORDING));
        assertThat(r.code()).as(r.both()).isZero();
        assertThat(r.out()).as(r.both()).startsWith("OK recording 7: 4 segments, chain head "
                + manifest.chainHead().substring(0, 16));
    }

    @AfterAll
    static void removeTheFolder() {
        if (work != null) {
            FileSystemUtils.deleteRecursively(work.toFile());
        }
    }

    // ------------------------------------------------------------------------------------------ help, unknown

    @Test
    void helpShowsEachCommandOnceAndTheFiveBenchmarks() throws Exception {
        Result help = run(Map.of(), "help");
        assertThat(help.code()).as(help.both()).isZero();
        assertThat(help.err()).isEmpty();
        for (String[] same : List.of(new String[] {"-h"}, new String[] {"--help"}, new String[0])) {
            Result r = run(Map.of(), same);
            assertThat(r.code()).as(r.both()).isZero();
            assertThat(r.out()).as("./lianxin " + String.join(" ", same)).isEqualTo(help.out());
        }
        List<String> shown = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  \\./lianxin (\\S+)").matcher(help.out());
        while (m.find()) {
            shown.add(m.group(1));
        }
        assertThat(shown).as("the commands ./lianxin help shows (a new one needs a test here)")
                .containsExactlyElementsOf(COMMANDS);
        assertThat(help.out()).contains("./lianxin verify-recording ID [--manifest-sha256 HEX]");
        for (String name : BENCHMARKS) {
            assertThat(help.out()).as("help describes bench " + name).containsPattern("(?m)^ {30}" + name + " +\\S");
        }
    }

    @Test
    void anUnknownCommandIsAUsageError() throws Exception {
        Result r = run(Map.of(), "frobnicate");
        assertThat(r.code()).as(r.both()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command: frobnicate", "./lianxin help");
        assertThat(r.out()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ bench

    @Test
    void benchWithoutAKnownNameListsTheFive() throws Exception {
        for (String[] args : List.of(new String[] {"bench"}, new String[] {"bench", "nope"})) {
            Result r = run(Map.of(), args);
            assertThat(r.code()).as(r.both()).isEqualTo(2);
            assertThat(r.err()).contains("known benchmarks: " + String.join(" ", BENCHMARKS),
                    "usage: ./lianxin bench NAME");
        }
        assertThat(run(Map.of(), "bench", "nope").err()).contains("unknown benchmark: nope");
        Result extra = run(Map.of(), "bench", "join", "--fast");
        assertThat(extra.code()).as(extra.both()).isEqualTo(2);
        assertThat(extra.err()).contains("bench join takes no options");
    }

    @Test
    void everyBenchmarkTheLauncherNamesRunsAMainClassOfThisModule() throws Exception {
        for (String name : BENCHMARKS) {
            Result r = run(Map.of("LIANXIN_DRY_RUN", "1"), "bench", name);
            assertThat(r.code()).as(r.both()).isZero();
            Matcher m = Pattern.compile("dry run: (org\\.lianxin\\.bench\\.\\w+)").matcher(r.out());
            assertThat(m.find()).as(r.both()).isTrue();
            assertThat(Class.forName(m.group(1)).getMethod("main", String[].class)).isNotNull();
        }
    }

    // ------------------------------------------------------------------------------------------ verify-recording

    @Test
    void verifyRecordingWithoutAnIdOrWithBadArgumentsIsAUsageError() throws Exception {
        Result none = run(Map.of(), "verify-recording");
        assertThat(none.code()).as(none.both()).isEqualTo(2);
        assertThat(none.err()).contains("usage: ./lianxin verify-recording ID [--manifest-sha256 HEX]");
        List<List<String>> bad = List.of(List.of("abc"), List.of("7", "--bogus"), List.of("7", "--manifest-sha256"),
                List.of("7", "--manifest-sha256", "xyz"), List.of("7", "--manifest-sha256", "ab".repeat(31)),
                List.of("7", "extra", "args", "here"));
        for (List<String> args : bad) {
            Result r = verify(args.toArray(String[]::new));
            assertThat(r.code()).as(args + "\n" + r.both()).isEqualTo(2);
            assertThat(r.err()).as(args.toString()).contains("usage: verify-recording <id> [--manifest-sha256");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void verifyRecordingPassesAnIntactRecordingWithAndWithoutTheManifestHash() throws Exception {
        Result plain = verify("7");
        assertThat(plain.code()).as(plain.both()).isZero();
        assertThat(plain.out()).startsWith("OK recording 7: 4 segments");
        String sha = TestRecordings.manifestSha256(manifest);
        for (String hex : List.of(sha, sha.toUpperCase(java.util.Locale.ROOT))) {
            Result r = verify("7", "--manifest-sha256", hex);
            assertThat(r.code()).as(r.both()).isZero();
            assertThat(r.out()).startsWith("OK recording 7: 4 segments").contains("manifest as the catalog recorded it");
        }
    }

    @Test
    void verifyRecordingReportsAWrongManifestHashAChangedSegmentAndAMissingRecordingWithExitOne() throws Exception {
        Result wrong = verify("7", "--manifest-sha256", "0".repeat(64));
        assertThat(wrong.code()).as(wrong.both()).isEqualTo(1);
        assertThat(wrong.out()).contains("MANIFEST_DIFFERS");

        ObjectStore store = ObjectStores.local(recordings);
        TestRecordings.store(store, 9, 4);
        store.put(Recording.segmentKey(9, "s0-p2", 1), "not the recorded media".getBytes(StandardCharsets.UTF_8),
                "video/x-matroska");
        Result changed = verify("9");
        assertThat(changed.code()).as(changed.both()).isEqualTo(1);
        assertThat(changed.out()).contains("segment 3");

        Result missing = verify("8");
        assertThat(missing.code()).as(missing.both()).isEqualTo(1);
        assertThat(missing.out()).contains("MANIFEST_MISSING");
    }

    @Test
    void verifyRecordingWithoutItsStorageFolderIsExitTwo() throws Exception {
        Map<String, String> env = new HashMap<>(verifyEnv(true));
        env.put("LIANXIN_RECORDING_STORAGE_LOCAL_DIR", work.resolve("no-such-folder").toString());
        Result r = run(env, "verify-recording", "7");
        assertThat(r.code()).as(r.both()).isEqualTo(2);
        assertThat(r.err()).contains("no recordings folder");
    }

    // ------------------------------------------------------------------------------------------ verify-audit

    /** The verifier itself (exit codes, output) is tested in web's {@code AuditTrailIT}; here only its door. */
    @Test
    void verifyAuditIsACommandThatRunsTheAuditVerifier() throws Exception {
        Result r = run(Map.of("LIANXIN_DRY_RUN", "1"), "verify-audit", "--public-key", "key.pub");
        assertThat(r.code()).as(r.both()).isZero();
        assertThat(r.out()).contains("org.lianxin.web.audit.VerifyAuditCommand --public-key key.pub");
    }

    // ------------------------------------------------------------------------------------------ up

    @Test
    void upStartsWithATemporaryDataDirOnTheGivenPortServesLoginAndStopsCleanlyOnSigterm() throws Exception {
        Result bad = run(Map.of(), "up", "now");
        assertThat(bad.code()).as(bad.both()).isEqualTo(2);

        Path data = work.resolve("up-data");
        int port = freePort();
        Path log = work.resolve("up.log");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("lianxin").toString(), "up").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        clean(pb.environment());
        pb.environment().putAll(Map.of("LIANXIN_SKIP_BUILD", "1", "LIANXIN_DATA_DIR", data.toString(),
                "SERVER_PORT", Integer.toString(port)));
        Process up = pb.start();
        try {
            String loginLine = "http://localhost:" + port + "/login";
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!Files.readString(log).contains(loginLine)) {
                if (!up.isAlive()) {
                    fail("up ended (exit " + up.exitValue() + ") before printing " + loginLine + ":\n" + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    fail("up did not print " + loginLine + " within 5 min:\n" + tail(log));
                }
                Thread.sleep(200);
            }
            String out = Files.readString(log);
            assertThat(out).contains("not building (LIANXIN_SKIP_BUILD=1)", "data in " + data, "HTTP port " + port,
                    "open http://localhost:" + port + "/", "/booking/", "/terminal/", "/console/", "/review/",
                    "/admin/", "/swagger-ui.html", "Demo users");
            if (Files.isExecutable(Path.of("/usr/bin/janus")) || System.getenv("LIANXIN_TEST_STRICT") != null) {
                assertThat(out).as("up starts Janus").contains("Janus pid");
            }
            assertThat(out).as("up installs (or finds) what live video needs")
                    .contains("Debian packages present: janus coturn ffmpeg");
            boolean turn = Files.isExecutable(Path.of("/usr/bin/turnserver")) && hasDefaultRoute();
            if (turn) {
                // coturn as a child with its own secret: generated into the data folder, owner only, never printed
                Path secret = data.resolve("turn/turn.secret");
                assertThat(out).as("up starts coturn").contains("coturn pid").contains("(UDP, TCP) only")
                        .contains("no turns: on 443 without a real certificate");
                assertThat(Files.readString(secret).strip()).matches("[0-9a-f]{64}");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        data.resolve("turn/turnserver.conf")))).isEqualTo("rw-------");
                assertThat(out).doesNotContain(Files.readString(secret).strip());
                assertThat(Files.readString(data.resolve("turn/turnserver.conf")))
                        .contains("use-auth-secret", "no-tls", "denied-peer-ip=10.0.0.0-10.255.255.255");
            }
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/login")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).containsIgnoringCase("password");
            assertThat(data.resolve("db")).as("the H2 database in the given data folder").isDirectory();

            List<ProcessHandle> family = up.toHandle().descendants().toList();
            assertThat(family).as("the app (and Janus) run under the launcher").isNotEmpty();
            up.destroy(); // SIGTERM to the launcher
            assertThat(up.waitFor(2, TimeUnit.MINUTES)).as("up stops after SIGTERM:\n" + tail(log)).isTrue();
            assertThat(up.exitValue()).as(tail(log)).isEqualTo(143);
            for (ProcessHandle p : family) {
                p.onExit().get(30, TimeUnit.SECONDS);
                assertThat(p.isAlive()).as("process " + p.pid() + " " + p.info().commandLine().orElse("")).isFalse();
            }
            String end = Files.readString(log);
            if (turn) {
                assertThat(end).contains("stopping coturn");
            }
            assertThat(end).as("the app stopped on SIGTERM, without being killed")
                    .contains("stopping child process group").doesNotContain("still running 15 s after SIGTERM");
            assertThat(portOpen(port)).as("port " + port + " closed").isFalse();
        } finally {
            if (up.isAlive()) {
                up.destroyForcibly();
                up.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void upSaysItInstallsWhatLiveVideoNeedsAndHandsOutTurnsOnlyWithACertificate() throws Exception {
        Result plain = run(Map.of("LIANXIN_DRY_RUN", "1"), "up");
        assertThat(plain.code()).as(plain.both()).isZero();
        assertThat(plain.out()).contains("apt-get install (if missing) janus coturn ffmpeg",
                "janus and coturn (turn: on 3478) as children").doesNotContain("turns:");

        Result tls = run(Map.of("LIANXIN_DRY_RUN", "1", "LIANXIN_TURN_CERT", "/etc/lianxin/turn.pem",
                "LIANXIN_TURN_PKEY", "/etc/lianxin/turn.key"), "up");
        assertThat(tls.out()).as(tls.both()).contains("janus and coturn (turn: on 3478, turns: on 443) as children");
    }

    static boolean hasDefaultRoute() throws Exception {
        Process p = new ProcessBuilder("ip", "-o", "route", "show", "default").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() == 0 && out.contains(" dev ");
    }

    @Test
    void testHasATimeBudgetOnCiOnlyThatTheEnvironmentSetsAndABadOneIsRefused() throws Exception {
        Result ci = run(Map.of("LIANXIN_DRY_RUN", "1", "CI", "true"), "test", "-pl", "scheduler");
        assertThat(ci.code()).as(ci.both()).isZero();
        assertThat(ci.out()).contains("mvn -B -ntp verify -pl scheduler (time budget: 82 min)");
        Result local = run(Map.of("LIANXIN_DRY_RUN", "1"), "test");
        assertThat(local.out()).as(local.both()).contains("(time budget: none)");
        Result set = run(Map.of("LIANXIN_DRY_RUN", "1", "CI", "true", "LIANXIN_TEST_BUDGET_MIN", "0"), "test");
        assertThat(set.out()).as(set.both()).contains("(time budget: none)");
        Result bad = run(Map.of("LIANXIN_DRY_RUN", "1", "LIANXIN_TEST_BUDGET_MIN", "soon"), "test");
        assertThat(bad.code()).as(bad.both()).isEqualTo(1);
        assertThat(bad.err()).contains("LIANXIN_TEST_BUDGET_MIN must be a whole number of minutes, was soon");
    }

    // ------------------------------------------------------------------------------------------ README

    @Test
    void checkAccessIsTheOnlyCheckAndRunsTheAccessChecker() throws Exception {
        Result r = run(Map.of("LIANXIN_DRY_RUN", "1"), "check", "access");
        assertThat(r.code()).as(r.both()).isZero();
        assertThat(r.out()).contains("org.lianxin.bench.access.AccessCheck --start");
        Result url = run(Map.of("LIANXIN_DRY_RUN", "1", "LIANXIN_CHECK_URL", "http://127.0.0.1:9",
                "LIANXIN_DEMO_PASSWORD", "pw"), "check", "access");
        assertThat(url.out()).as(url.both()).contains("AccessCheck http://127.0.0.1:9");
        for (String[] bad : List.of(new String[] {"check"}, new String[] {"check", "nothing"},
                new String[] {"check", "access", "more"})) {
            Result b = run(Map.of("LIANXIN_DRY_RUN", "1"), bad);
            assertThat(b.code()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(b.err()).contains("usage: ./lianxin check access");
        }
    }

    @Test
    void everyLianxinCommandInTheReadmeIsOneTheLauncherAccepts() throws Exception {
        List<List<String>> commands = readmeCommands(Files.readString(root.resolve("README.md")));
        Set<String> seen = new LinkedHashSet<>();
        for (List<String> line : commands) {
            for (List<String> tokens : expand(line)) {
                Map<String, String> env = new LinkedHashMap<>();
                int i = 0;
                while (tokens.get(i).matches("[A-Z_]+=.*")) {
                    String[] kv = tokens.get(i++).split("=", 2);
                    env.put(kv[0], kv[1]);
                }
                assertThat(tokens.get(i)).isEqualTo("./lianxin");
                String[] args = tokens.subList(i + 1, tokens.size()).toArray(String[]::new);
                String cmd = args.length == 0 ? "help" : args[0];
                seen.add(cmd);
                Result r;
                switch (cmd) {
                    case "help", "-h", "--help" -> r = run(env, args);
                    case "verify-recording" -> {
                        Map<String, String> e = new HashMap<>(verifyEnv(true));
                        e.putAll(env);
                        r = run(e, args);
                    }
                    case "up", "test", "bench", "verify-audit", "check" -> {
                        Map<String, String> e = new HashMap<>(env);
                        e.put("LIANXIN_DRY_RUN", "1");
                        r = run(e, args);
                    }
                    default -> {
                        fail("README.md shows ./lianxin " + String.join(" ", args) + ": the launcher has no " + cmd);
                        return;
                    }
                }
                assertThat(r.code()).as("README.md: " + String.join(" ", tokens) + "\n" + r.both()).isZero();
            }
        }
        assertThat(seen).as("README.md shows every command").containsAll(COMMANDS);
    }

    /** {@code ./lianxin …} in README.md: inline code, and lines of code blocks (without their # comments). */
    static List<List<String>> readmeCommands(String markdown) {
        List<List<String>> found = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder prose = new StringBuilder();
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (inBlock) {
                String code = line.replaceAll("\\s#.*$", "").trim();
                if (code.contains("./lianxin")) {
                    found.add(List.of(code.split("\\s+")));
                }
            } else {
                prose.append(line).append('\n');
            }
        }
        Matcher m = Pattern.compile("`([^`]*\\./lianxin[^`]*)`").matcher(prose);
        while (m.find()) {
            found.add(List.of(m.group(1).trim().split("\\s+")));
        }
        assertThat(found).as("./lianxin commands in README.md").hasSizeGreaterThan(5);
        return found;
    }

    /** One command per alternative of {@code a|b|c}; placeholders ID, {@code <id>}, HEX filled in. */
    static List<List<String>> expand(List<String> tokens) {
        List<List<String>> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (String t : tokens) {
            List<String> choices = t.contains("|") ? List.of(t.split("\\|")) : List.of(t);
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String c : choices) {
                    List<String> l = new ArrayList<>(prefix);
                    l.add(switch (c) {
                        case "ID", "<id>" -> Long.toString(RECORDING);
                        case "HEX" -> TestRecordings.manifestSha256(manifest);
                        default -> c;
                    });
                    next.add(l);
                }
            }
            out = next;
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ helpers

    static Result verify(String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "verify-recording";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(verifyEnv(true), all);
    }

    static Map<String, String> verifyEnv(boolean skipBuild) {
        Map<String, String> env = new HashMap<>();
        env.put("LIANXIN_RECORDING_STORAGE_TYPE", "local");
        env.put("LIANXIN_RECORDING_STORAGE_LOCAL_DIR", recordings.toString());
        if (skipBuild) {
            env.put("LIANXIN_SKIP_BUILD", "1");
        }
        return env;
    }

    static Result run(Map<String, String> env, String... args) throws Exception {
        return run(env, Duration.ofMinutes(2), args);
    }

    /** Runs {@code ./lianxin args} in the repository root with {@code env} added; fails when it overruns. */
    static Result run(Map<String, String> env, Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("lianxin").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        clean(pb.environment());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            fail("./lianxin " + String.join(" ", args) + " did not end within " + timeout + ":\n"
                    + Files.readString(out) + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The launcher's own switches never come from the environment this test runs in. */
    static void clean(Map<String, String> env) {
        env.keySet().removeIf(k -> k.equals("LIANXIN_DRY_RUN") || k.equals("LIANXIN_SKIP_BUILD")
                || k.equals("SERVER_PORT") || k.equals("LIANXIN_TEST_BUDGET_MIN") || k.equals("CI") || k.startsWith("LIANXIN_RECORDING_") || k.equals("LIANXIN_DATA_DIR")
                || k.startsWith("LIANXIN_SIGNALING_") || k.startsWith("LIANXIN_TURN_"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
