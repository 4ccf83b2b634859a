package org.lianxin.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A program the deploy tests run (systemd-analyze, haproxy, dpkg-deb, the backup scripts): its exit code and its
 * output (stdout and stderr together, in order). A missing program skips the test, except under
 * {@code LIANXIN_TEST_STRICT} (set by {@code ./lianxin test}, which installs them) where that is a failure.
 */
record Command(int exitCode, String output) {

    static final long TIMEOUT_SECONDS = 120;

    /** The program's absolute path, from the usual places or PATH; skips (or fails, strict) when there is none. */
    static String require(String program, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        for (String dir : dirs) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String why = program + " not found (apt-get install " + debianPackage + ")";
        if (System.getenv("LIANXIN_TEST_STRICT") != null) {
            throw new AssertionError("LIANXIN_TEST_STRICT: " + why);
        }
        Assumptions.abort(why);
        return null;
    }

    static Command run(List<String> command) {
        return run(command, Map.of());
    }

    /** Runs {@code command} with {@code env} added to this JVM's environment; fails after {@value #TIMEOUT_SECONDS} s. */
    static Command run(List<String> command, Map<String, String> env) {
        Path out = null;
        try {
            out = Files.createTempFile("lianxin-deploy-cmd", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Command(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** The output's lines that name {@code any} of the given strings. */
    List<String> linesNaming(String... any) {
        List<String> hits = new ArrayList<>();
        for (String line : output.split("\n")) {
            for (String s : any) {
                if (line.contains(s)) {
                    hits.add(line);
                    break;
                }
            }
        }
        return hits;
    }
}
