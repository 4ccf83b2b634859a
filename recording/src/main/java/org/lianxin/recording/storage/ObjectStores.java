package org.lianxin.recording.storage;

import java.nio.file.Path;

import org.lianxin.recording.storage.internal.Adapters;

/** Makes the {@link ObjectStore} adapters. */
public final class ObjectStores {

    private ObjectStores() {
    }

    /**
     * Objects as files under {@code folder} (created if missing): key {@code a/b/c.mkv} is the file
     * {@code folder/a/b/c.mkv}. Writes go to a temporary file in the target's folder, are flushed to disk
     * and renamed atomically. No presigned URLs.
     */
    public static ObjectStore local(Path folder) {
        return Adapters.local(folder);
    }

    /**
     * Objects in a bucket of an S3 server through the MinIO client. The bucket is created on first use if
     * missing. Connect timeout 2 s, read/write timeouts 30 s, so an outage shows within seconds as
     * {@link StorageException#unavailable()}. Nothing is contacted until the first call.
     */
    public static ObjectStore s3(S3Settings settings) {
        return Adapters.s3(settings);
    }
}
