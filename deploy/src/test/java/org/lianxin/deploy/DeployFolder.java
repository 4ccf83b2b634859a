package org.lianxin.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code deploy/} folder, the templates the tests check (never copies of them). */
final class DeployFolder {

    private DeployFolder() {
    }

    /** {@code deploy/}: the module's folder (surefire and failsafe pass it; Maven runs tests there anyway). */
    static Path root() {
        String dir = System.getProperty("lianxin.deploy.dir");
        Path root = dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("systemd"))) {
            throw new IllegalStateException("not the deploy folder (no systemd/ in it): " + root);
        }
        return root;
    }

    static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing template " + p);
        }
        return p;
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
