package org.lianxin.recording.testing;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lianxin.recording.storage.ObjectStore;

/** An object store that passes every call to another: tests override the calls they watch or break. */
public abstract class ForwardingStore implements ObjectStore {
    protected final ObjectStore store;

    protected ForwardingStore(ObjectStore store) {
        this.store = store;
    }

    @Override
    public void put(String key, Path file, String contentType) {
        store.put(key, file, contentType);
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        store.put(key, bytes, contentType);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        return store.stat(key);
    }

    @Override
    public InputStream get(String key) {
        return store.get(key);
    }

    @Override
    public InputStream get(String key, long offset, long length) {
        return store.get(key, offset, length);
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration ttl) {
        return store.presignedGet(key, ttl);
    }

    @Override
    public String describe() {
        return store.describe();
    }
}
