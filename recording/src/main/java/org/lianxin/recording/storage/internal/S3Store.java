package org.lianxin.recording.storage.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import okhttp3.OkHttpClient;

import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.S3Settings;
import org.lianxin.recording.storage.StorageException;
import org.lianxin.recording.storage.StorageException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects in one bucket of an S3 server through the MinIO client. Errors: a server that cannot be reached,
 * times out, breaks the connection or answers 5xx is {@link Kind#UNAVAILABLE}; {@code NoSuchKey} is
 * {@link Kind#NOT_FOUND}; anything else (access denied, bad request, …) is {@link Kind#REFUSED}.
 */
final class S3Store implements ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(S3Store.class);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final long MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

    private final S3Settings settings;
    private final MinioClient client;
    private volatile boolean bucketReady;

    S3Store(S3Settings settings) {
        this.settings = settings;
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(READ_WRITE_TIMEOUT)
                .writeTimeout(READ_WRITE_TIMEOUT)
                // true (okhttp's default): a pooled keep-alive connection the server closed (e.g. it restarted)
                // is retried once on a fresh one instead of failing the call; refused connects still fail fast
                .retryOnConnectionFailure(true)
                .build();
        MinioClient.Builder b = MinioClient.builder()
                .endpoint(settings.endpoint().toString())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(http, true);
        if (!settings.region().isEmpty()) {
            b.region(settings.region());
        }
        this.client = b.build();
    }

    private interface Call<T> {
        T run() throws MinioException, IOException;
    }

    /** Runs {@code call} after making sure the bucket exists, mapping failures to {@link StorageException}. */
    private <T> T call(String what, String key, Call<T> call) {
        ensureBucket();
        try {
            return call.run();
        } catch (MinioException | IOException | RuntimeException e) {
            throw map(what, key, e);
        }
    }

    private void ensureBucket() {
        if (bucketReady) {
            return;
        }
        synchronized (this) {
            if (bucketReady) {
                return;
            }
            try {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build())) {
                    try {
                        client.makeBucket(MakeBucketArgs.builder().bucket(settings.bucket()).build());
                        log.info("created bucket {} on {}", settings.bucket(), settings.endpoint());
                    } catch (ErrorResponseException e) {
                        String code = e.errorResponse() == null ? "" : e.errorResponse().code();
                        if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                            throw e;
                        }
                    }
                }
                bucketReady = true;
            } catch (MinioException | RuntimeException e) {
                throw map("prepare bucket", settings.bucket(), e);
            }
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        Keys.check(key);
        if (!Files.isRegularFile(file)) {
            throw new StorageException(Kind.REFUSED, "cannot store " + key + ": no such file " + file);
        }
        call("put", key, () -> client.uploadObject(UploadObjectArgs.builder()
                .bucket(settings.bucket()).object(key).filename(file.toString())
                .contentType(contentType(contentType)).build()));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        Keys.check(key);
        call("put", key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(settings.bucket()).object(key)
                .stream(new ByteArrayInputStream(bytes), (long) bytes.length, -1L)
                .contentType(contentType(contentType)).build()));
    }

    private static String contentType(String contentType) {
        return contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Keys.check(key);
        try {
            StatObjectResponse r = call("stat", key,
                    () -> client.statObject(StatObjectArgs.builder().bucket(settings.bucket()).object(key).build()));
            return Optional.of(new ObjectInfo(key, r.size(), r.lastModified().toInstant()));
        } catch (StorageException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public InputStream get(String key) {
        Keys.check(key);
        return call("get", key,
                () -> client.getObject(GetObjectArgs.builder().bucket(settings.bucket()).object(key).build()));
    }

    @Override
    public InputStream get(String key, long offset, long length) {
        Keys.check(key);
        Keys.checkRange(key, offset, length);
        if (length == 0) {
            if (stat(key).isEmpty()) {
                throw new StorageException(Kind.NOT_FOUND, "no object " + key);
            }
            return InputStream.nullInputStream();
        }
        try {
            return call("get", key, () -> client.getObject(GetObjectArgs.builder().bucket(settings.bucket())
                    .object(key).offset(offset).length(length).build()));
        } catch (StorageException e) {
            if (e.getCause() instanceof ErrorResponseException er && er.errorResponse() != null
                    && "InvalidRange".equals(er.errorResponse().code())) {
                return InputStream.nullInputStream(); // offset at or past the end
            }
            throw e;
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        Keys.checkPrefix(prefix);
        return call("list", prefix, () -> {
            List<ObjectInfo> found = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(settings.bucket())
                    .prefix(prefix).recursive(true).build())) {
                Item item = r.get();
                if (!item.isDir()) {
                    found.add(new ObjectInfo(item.objectName(), item.size(),
                            item.lastModified() == null ? null : item.lastModified().toInstant()));
                }
            }
            found.sort(Comparator.comparing(ObjectInfo::key));
            return found;
        });
    }

    @Override
    public void delete(String key) {
        Keys.check(key);
        call("delete", key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(settings.bucket()).object(key).build());
            return null;
        });
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration ttl) {
        Keys.check(key);
        long seconds = Math.max(1, Math.min(MAX_PRESIGN_SECONDS, ttl.toSeconds()));
        String url = call("presign", key, () -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Http.Method.GET).bucket(settings.bucket()).object(key)
                .expiry((int) seconds, TimeUnit.SECONDS).build()));
        try {
            return Optional.of(new URI(url));
        } catch (URISyntaxException e) {
            throw new StorageException(Kind.REFUSED, "presigned URL for " + key + " is not a URI", e);
        }
    }

    @Override
    public String describe() {
        return "s3 " + settings.endpoint() + " bucket " + settings.bucket();
    }

    /** Maps a client failure; messages name the operation, key and server, never the credentials. */
    private StorageException map(String what, String key, Throwable e) {
        String where = what + " " + key + " on " + describe();
        if (e instanceof StorageException se) {
            return se;
        }
        if (e instanceof ErrorResponseException er) {
            String code = er.errorResponse() == null ? "?" : er.errorResponse().code();
            int status = er.response() == null ? 0 : er.response().code();
            if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code)) {
                return new StorageException(Kind.NOT_FOUND, "no object " + key + " (" + describe() + ")", e);
            }
            if (status >= 500 || "SlowDown".equals(code) || "ServiceUnavailable".equals(code)) {
                return new StorageException(Kind.UNAVAILABLE, where + ": server error " + code, e);
            }
            if ("NoSuchBucket".equals(code)) {
                bucketReady = false; // removed behind our back: create it again next time
            }
            return new StorageException(Kind.REFUSED, where + ": refused (" + code + ", HTTP " + status + ")", e);
        }
        if (e instanceof ServerException se) {
            return new StorageException(Kind.UNAVAILABLE, where + ": server error HTTP " + se.statusCode(), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                return new StorageException(Kind.UNAVAILABLE, where + ": interrupted", e);
            }
            if (t instanceof IOException) {
                return new StorageException(Kind.UNAVAILABLE, where + ": cannot reach the server ("
                        + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")", e);
            }
            if (t instanceof ErrorResponseException && t != e) {
                return map(what, key, t);
            }
        }
        return new StorageException(Kind.REFUSED, where + ": " + e, e);
    }
}
