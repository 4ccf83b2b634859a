package org.lianxin.recording.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.StorageException;
import org.lianxin.recording.storage.StorageException.Kind;

/**
 * Objects as files under one folder. A write goes to {@code ~<random>.tmp} next to the target ({@code ~}
 * is not a key character, so a temporary file can never be mistaken for an object and {@link #list}
 * skips it), is forced to disk and renamed atomically over the target; then the folder is forced too.
 * Local I/O failures (disk full, folder gone) are {@link Kind#UNAVAILABLE}: they may pass.
 */
final class LocalFolderStore implements ObjectStore {

    private static final String TEMP_MARK = "~";

    private final Path root;

    LocalFolderStore(Path folder) {
        this.root = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StorageException(Kind.UNAVAILABLE, "cannot create storage folder " + root + ": " + e, e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        Path target = pathOf(key);
        if (!Files.isRegularFile(file)) {
            throw new StorageException(Kind.REFUSED, "cannot store " + key + ": no such file " + file);
        }
        write(key, target, out -> {
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            }
        });
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        Path target = pathOf(key);
        write(key, target, out -> out.write(bytes));
    }

    private interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private void write(String key, Path target, Writer writer) {
        Path dir = target.getParent();
        checkNoFileInTheWay(key, dir);
        Path temp = dir.resolve(TEMP_MARK + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(dir);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new StorageException(Kind.REFUSED, "cannot store " + key + ": other objects are stored under "
                        + key + "/");
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writer.writeTo(Channels.newOutputStream(ch));
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StorageException(Kind.REFUSED, "storage folder " + root + " does not support atomic renames", e);
            }
            forceDirectory(dir);
        } catch (IOException e) {
            throw new StorageException(Kind.UNAVAILABLE, "cannot store " + key + " in " + root + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the write already failed or succeeded; a leftover ~*.tmp is invisible to list()
            }
        }
    }

    /** A key {@code a/b} cannot be stored if {@code a} is an object (a file). */
    private void checkNoFileInTheWay(String key, Path dir) {
        for (Path p = dir; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new StorageException(Kind.REFUSED, "cannot store " + key + ": " + root.relativize(p)
                        + " is an object, not a folder");
            }
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a folder for reading; the rename itself is still atomic
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Path p = pathOf(key);
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException(Kind.UNAVAILABLE, "cannot stat " + key + " in " + root + ": " + e, e);
        }
    }

    @Override
    public InputStream get(String key) {
        Path p = pathOf(key);
        try {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw notFound(key);
            }
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw notFound(key);
        } catch (IOException e) {
            throw new StorageException(Kind.UNAVAILABLE, "cannot read " + key + " in " + root + ": " + e, e);
        }
    }

    @Override
    public InputStream get(String key, long offset, long length) {
        Path p = pathOf(key);
        Keys.checkRange(key, offset, length);
        try {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                throw notFound(key);
            }
            SeekableByteChannel ch = Files.newByteChannel(p, StandardOpenOption.READ);
            try {
                ch.position(offset);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return Keys.limit(Channels.newInputStream(ch), length);
        } catch (NoSuchFileException e) {
            throw notFound(key);
        } catch (IOException e) {
            throw new StorageException(Kind.UNAVAILABLE, "cannot read " + key + " in " + root + ": " + e, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        Keys.checkPrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<ObjectInfo> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            files.forEach(f -> {
                String name = f.getFileName().toString();
                if (name.startsWith(TEMP_MARK)) {
                    return;
                }
                String key = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                if (!key.startsWith(prefix)) {
                    return;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile()) {
                        found.add(new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant()));
                    }
                } catch (NoSuchFileException gone) {
                    // deleted while listing
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StorageException(Kind.UNAVAILABLE, "cannot list " + prefix + " in " + root + ": " + e, e);
        }
        found.sort(Comparator.comparing(ObjectInfo::key));
        return found;
    }

    @Override
    public void delete(String key) {
        Path p = pathOf(key);
        try {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return; // a "folder" of other objects is not an object
            }
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new StorageException(Kind.UNAVAILABLE, "cannot delete " + key + " in " + root + ": " + e, e);
        }
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration ttl) {
        Keys.check(key);
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "local " + root;
    }

    private Path pathOf(String key) {
        Keys.check(key);
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new StorageException(Kind.REFUSED, "bad object key '" + key + "': outside the storage folder");
        }
        return p;
    }

    private static StorageException notFound(String key) {
        return new StorageException(Kind.NOT_FOUND, "no object " + key);
    }
}
