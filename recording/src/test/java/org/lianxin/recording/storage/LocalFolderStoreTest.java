package org.lianxin.recording.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderStoreTest implements ObjectStoreContract {

    @TempDir
    Path tmp;
    private ObjectStore store;

    @BeforeEach
    void open() throws IOException {
        store = ObjectStores.local(tmp.resolve("objects"));
        Files.createDirectories(tmp.resolve("scratch"));
    }

    @Override
    public ObjectStore store() {
        return store;
    }

    @Override
    public Path scratch() {
        return tmp.resolve("scratch");
    }

    @Override
    public boolean presigns() {
        return false;
    }

    @Test
    void keysAreFilesUnderTheFolderAndNoTemporaryFileIsLeft() throws IOException {
        store.put("recordings/7/s0-p1/000000.mkv", "abc".getBytes(StandardCharsets.UTF_8), "video/x-matroska");
        Path f = tmp.resolve("objects/recordings/7/s0-p1/000000.mkv");
        assertThat(f).hasContent("abc");
        try (Stream<Path> all = Files.walk(tmp.resolve("objects"))) {
            assertThat(all.filter(Files::isRegularFile)).containsExactly(f);
        }
    }

    @Test
    void aLeftoverTemporaryFileIsNotListed() throws IOException {
        store.put("r/a", new byte[] {1}, "x/y");
        Files.write(tmp.resolve("objects/r/~crashed.tmp"), new byte[] {9});
        assertThat(store.list("r/")).extracting(ObjectStore.ObjectInfo::key).containsExactly("r/a");
    }

    @Test
    void aKeyBelowAnExistingObjectIsRefused() {
        store.put("r/a", new byte[] {1}, "x/y");
        assertThatThrownBy(() -> store.put("r/a/b", new byte[] {1}, "x/y"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.REFUSED));
        assertThatThrownBy(() -> store.put("r", new byte[] {1}, "x/y"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.REFUSED));
    }

    @Test
    void aMissingSourceFileIsRefusedNotUnavailable() {
        assertThatThrownBy(() -> store.put("r/a", tmp.resolve("gone.mkv"), "x/y"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.REFUSED));
    }

    @Test
    void describeNamesTheFolder() {
        assertThat(store.describe()).isEqualTo("local " + tmp.resolve("objects").toAbsolutePath());
    }
}
