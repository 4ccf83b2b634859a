package org.lianxin.web.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import org.lianxin.audit.CheckpointStore;
import org.lianxin.recording.storage.ObjectStore;

/** The audit checkpoints' store: the recordings' object store (local folder or S3), under {@code audit/checkpoints/}. */
public final class ObjectStoreCheckpoints implements CheckpointStore {
    private final ObjectStore store;

    public ObjectStoreCheckpoints(ObjectStore store) {
        this.store = store;
    }

    @Override
    public void put(String name, byte[] content) {
        store.put(name, content, name.endsWith(".gz") ? "application/gzip" : "text/plain; charset=utf-8");
    }

    @Override
    public List<String> list(String prefix) {
        return store.list(prefix).stream().map(ObjectStore.ObjectInfo::key).sorted().toList();
    }

    @Override
    public Optional<byte[]> get(String name) {
        if (store.stat(name).isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = store.get(name)) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name + " from " + store.describe(), e);
        }
    }

    @Override
    public String describe() {
        return store.describe();
    }
}
