package org.lianxin.documents;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;

/** The store's contract over the local folder adapter (the default storage). */
class DocumentStoreLocalTest implements DocumentStoreContract {
    @TempDir
    Path tmp;
    private ObjectStore objects;

    @BeforeEach
    void folder() {
        objects = ObjectStores.local(tmp.resolve("objects"));
    }

    @Override
    public ObjectStore objects() {
        return objects;
    }

    @Override
    public Path scratch() {
        return tmp.resolve("scratch");
    }
}
