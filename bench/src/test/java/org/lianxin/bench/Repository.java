package org.lianxin.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests of the launcher and the docs find the repository: the folder holding {@code ./lianxin}. */
final class Repository {
    private Repository() {
    }

    /** The repository root: the nearest folder at or above the working directory that holds the launcher. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lianxin")) && Files.isRegularFile(p.resolve("README.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no ./lianxin at or above " + Path.of("").toAbsolutePath());
    }
}
