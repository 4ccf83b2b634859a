package org.lianxin.web.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Secrets generated on first start and kept in the data folder, readable by the owner only (mode 600). */
public final class SecretFiles {
    private SecretFiles() {
    }

    /** The file's trimmed content; if the file does not exist, {@code generate} is written to it first. */
    public static String readOrCreate(Path file, Supplier<String> generate) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                String value = generate.get();
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) { // not a POSIX file system
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    return Files.readString(file, StandardCharsets.UTF_8).trim();
                }
                Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
                return value;
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
