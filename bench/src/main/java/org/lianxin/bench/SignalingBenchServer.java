package org.lianxin.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server of {@link SignalingBench}: {@link SignalingServer} as a child JVM (same classpath), driven through its
 * stdin/stdout.
 */
final class SignalingBenchServer implements AutoCloseable {
    final ChildJvm child;
    final int port;

    SignalingBenchServer(String... args) throws Exception {
        child = new ChildJvm("server", "3g", List.of("READY", "OK", "HEAP", "BYE", "ERR"), SignalingServer.class,
                List.of(args));
        String ready;
        try {
            ready = next(300); // the whole application: slow to start on a loaded machine
        } catch (RuntimeException e) {
            child.kill();
            throw e;
        }
        if (!ready.startsWith("READY ")) {
            child.kill();
            throw new IllegalStateException("server did not start: " + ready);
        }
        port = Integer.parseInt(ready.substring(6).trim());
    }

    String next(int seconds) throws InterruptedException {
        return child.next(seconds);
    }

    String command(String line, String expect) throws InterruptedException {
        child.send(line);
        String r = next(120);
        if (!r.startsWith(expect)) {
            throw new IllegalStateException(line + ": " + r);
        }
        return r;
    }

    long heap() throws InterruptedException {
        return Long.parseLong(command("heap", "HEAP").substring(5).trim());
    }

    String histogram(int top) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(child.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            p.waitFor(60, TimeUnit.SECONDS);
            return String.join("\n", lines.subList(0, Math.min(lines.size(), top + 3)));
        } catch (Exception e) {
            return "(no histogram: " + e + ")";
        }
    }

    long pid() {
        return child.pid();
    }

    long fds() {
        String[] list = new java.io.File("/proc/" + child.pid() + "/fd").list();
        return list == null ? -1 : list.length;
    }

    @Override
    public void close() throws Exception {
        child.stop("quit");
    }
}
