package org.lianxin.recording.storage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The storage port: a flat namespace of immutable objects under keys such as
 * {@code recordings/42/t1/000003.mkv}. Adapters: a local folder ({@link ObjectStores#local}) and any
 * S3 server through the MinIO client ({@link ObjectStores#s3}).
 *
 * <p>Every method may throw {@link StorageException}; {@link StorageException#unavailable()} tells a
 * server that cannot be reached (try again later) from a refusal (bad key, missing object).
 * Keys: 1–512 characters of {@code [A-Za-z0-9._/-]}, no leading {@code /}, no {@code ..} segment.
 * Adapters also refuse (both alike, so a key valid in one is valid in the other) a trailing {@code /},
 * an empty ({@code a//b}) or {@code .} segment, and a segment longer than 255 characters (a file name
 * in the local folder). A refused key is {@link StorageException.Kind#REFUSED}.
 * Thread-safe.
 */
public interface ObjectStore {

    /** Stores the file's bytes under {@code key}; readers see the whole object or none. Replaces an existing object. */
    void put(String key, Path file, String contentType);

    /** Stores {@code bytes} under {@code key} (small objects: manifests). */
    void put(String key, byte[] bytes, String contentType);

    /** The object's size and time, or empty if there is none. */
    Optional<ObjectInfo> stat(String key);

    /** The whole object. The caller closes the stream. Missing: {@link StorageException} with {@code notFound()}. */
    InputStream get(String key);

    /** {@code length} bytes from {@code offset} (fewer at the end of the object). */
    InputStream get(String key, long offset, long length);

    /** Objects whose key starts with {@code prefix}, sorted by key. */
    List<ObjectInfo> list(String prefix);

    /** Deletes the object; no error if it is missing. */
    void delete(String key);

    /** A URL anyone holding it can GET the object from until {@code ttl} passes; empty if the adapter has none (local folder). */
    Optional<URI> presignedGet(String key, Duration ttl);

    /** One line for logs, without secrets, e.g. {@code s3 http://127.0.0.1:9000 bucket lianxin}. */
    String describe();

    /** Size and last modification of a stored object. */
    record ObjectInfo(String key, long size, java.time.Instant lastModified) {
    }
}
