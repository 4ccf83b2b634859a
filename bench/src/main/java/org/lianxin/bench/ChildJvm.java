package org.lianxin.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A benchmark's other half in a JVM of its own (same classpath), driven by lines: commands go to
 * its stdin; the lines it prints that start with one of the protocol's words are replies, every
 * other line is echoed with a prefix. When its output ends, {@link #next} fails with "EOF".
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final String name;

    /**
     * @param name      how its echoed lines and failures name it ("recorder", "server")
     * @param heap      its {@code -Xmx} value, e.g. {@code "1g"}
     * @param replyWords the first words of its reply lines, e.g. {@code READY}, {@code OK}
     */
    ChildJvm(String name, String heap, List<String> replyWords, Class<?> main, List<String> args) throws IOException {
        this.name = name;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseG1GC", "-Xmx" + heap, "-cp",
                System.getProperty("lianxin.bench.classpath", System.getProperty("java.class.path")), main.getName()));
        cmd.addAll(args);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Pattern reply = Pattern.compile("^(" + String.join("|", replyWords) + ")\\b.*");
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (reply.matcher(line).matches()) {
                        replies.add(line);
                    } else if (!line.isBlank()) {
                        System.out.println("  [" + name + "] " + line);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            replies.add("EOF");
        }, name + "-out");
        reader.setDaemon(true);
        reader.start();
    }

    /** Its next reply; fails if none comes within {@code seconds} or its output ended. */
    String next(int seconds) throws InterruptedException {
        String s = replies.poll(seconds, TimeUnit.SECONDS);
        if (s == null || s.equals("EOF")) {
            throw new IllegalStateException(name + " JVM stopped answering (" + s + ")");
        }
        return s;
    }

    /** Sends one command line. */
    void send(String line) {
        in.println(line);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    boolean waitFor(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    void kill() {
        process.destroyForcibly();
    }

    /** Asks it to stop with {@code quitCommand}, then kills it if it is still there after 10 s. */
    void stop(String quitCommand) throws InterruptedException {
        send(quitCommand);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
