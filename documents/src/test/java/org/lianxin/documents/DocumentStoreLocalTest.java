package org.lianxin.documents;

import org.junit.jupiter.api.BeforeEach;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;

/** The store's contract over the local folder adapter (the default storage). */
class DocumentStoreLocalTest extends DocumentStoreContract {
    private ObjectStore objects;

    @BeforeEach
    void folder() {
        objects = ObjectStores.local(tmp.resolve("objects"));
    }

    @Override
    ObjectStore objects() {
        return objects;
    }
}
