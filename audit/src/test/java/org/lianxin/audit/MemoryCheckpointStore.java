package org.lianxin.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A hand-written store for the module's tests (the application's adapter over the object store is tested in web). */
public final class MemoryCheckpointStore implements CheckpointStore {
    public final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    public volatile boolean down;

    @Override
    public void put(String name, byte[] content) {
        if (down) {
            throw new IllegalStateException("store down");
        }
        objects.put(name, content.clone());
    }

    @Override
    public List<String> list(String prefix) {
        if (down) {
            throw new IllegalStateException("store down");
        }
        List<String> names = new ArrayList<>();
        for (String n : objects.keySet()) {
            if (n.startsWith(prefix)) {
                names.add(n);
            }
        }
        return names;
    }

    @Override
    public Optional<byte[]> get(String name) {
        return Optional.ofNullable(objects.get(name));
    }

    @Override
    public String describe() {
        return "memory";
    }
}
