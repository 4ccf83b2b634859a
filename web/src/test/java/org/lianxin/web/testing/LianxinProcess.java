package org.lianxin.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runnable application jar ({@code target/lianxin-web-*-exec.jar}, built in the package phase before failsafe
 * runs) as a separate JVM, a direct child of the test JVM (no shell in between, so a kill reaches the JVM itself),
 * with its output appended to a log file kept in target/ for diagnosis. The fixture of the ITs that start, kill or
 * stop the application as an operator would ({@code live.GracefulStopIT}, {@code recording.RecordingCrashIT}).
 */
public final class LianxinProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private LianxinProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The runnable jar of this build (exactly one). */
    public static Path execJar() {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("target"), "lianxin-web-*-exec.jar")) {
            d.forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (jars.size() != 1) {
            throw new AssertionError("expected one target/lianxin-web-*-exec.jar (built in the package phase), found "
                    + jars);
        }
        return jars.get(0).toAbsolutePath();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code java -jar <jar> --server.port=<port> <args…>}, output appended to {@code log}. */
    public static LianxinProcess start(Path jar, int port, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n===== " + java.time.Instant.now() + " starting: "
                    + String.join(" ", command).replaceAll("(password|key)=\\S+", "$1=***") + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new LianxinProcess(p, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + jar, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until /actuator/health says UP; fails early (with the log's tail) if the process exits. */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the app (pid " + pid() + ") exited with " + process.exitValue()
                        + " before it was healthy; log " + log + ":\n" + logTail(60));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) return;
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        String dump = threadDump();
        throw new AssertionError("the app was not healthy within " + timeout.toSeconds() + " s (last: " + last
                + "); its threads: " + dump + "; log " + log + ":\n" + logTail(60));
    }

    /** The JVM's threads (jstack) beside the log, so that a start that hangs says where; the file, or a reason. */
    private String threadDump() {
        Path dump = log.resolveSibling(log.getFileName() + ".threads.txt");
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        try {
            Process p = new ProcessBuilder(jstack.toString(), Long.toString(pid())).redirectErrorStream(true)
                    .redirectOutput(dump.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            return "none (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return dump.toString();
    }

    /**
     * {@code kill -9}: {@link Process#destroyForcibly()} is SIGKILL on Linux; returns the exit status, which
     * for a JVM killed by a signal is 128 + the signal (137 for SIGKILL).
     */
    public int kill9() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("pid " + pid() + " still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** SIGTERM (a graceful Spring shutdown), SIGKILL after {@code grace}; returns the exit status. */
    public int stop(Duration grace) {
        if (!process.isAlive()) return process.exitValue();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The log file the process writes to (appended to across starts). */
    public Path log() {
        return log;
    }

    /** The whole log, as written so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Makes sure the process is gone (SIGKILL and its descendants too). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
}
