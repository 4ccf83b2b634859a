package org.lianxin.recording.storage.internal;

import java.nio.file.Path;

import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.storage.S3Settings;

/**
 * The one public door into this package, so the adapters themselves stay package-private. Use
 * {@link ObjectStores} instead.
 */
public final class Adapters {

    private Adapters() {
    }

    public static ObjectStore local(Path folder) {
        return new LocalFolderStore(folder);
    }

    public static ObjectStore s3(S3Settings settings) {
        return new S3Store(settings);
    }
}
