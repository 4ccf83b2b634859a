package org.lianxin.recording.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.lianxin.recording.storage.S3Settings;

/**
 * A real S3 server (S3Proxy, in memory) in the test JVM on {@code 127.0.0.1} and a free port, with
 * signature-checked credentials. {@link #stop()} and {@link #restart()} keep the port and the stored
 * objects, to simulate storage going away for a while:
 *
 * <pre>{@code
 * try (TestS3 s3 = TestS3.started()) {
 *     ObjectStore store = ObjectStores.s3(s3.settings("lianxin"));
 *     s3.stop();      // connections are refused now
 *     s3.restart();   // same endpoint, same objects
 * }
 * }</pre>
 *
 * Shipped in this module's test-jar. Not thread-safe against concurrent stop/restart calls from several
 * threads (they are synchronized, but a test should drive them from one place).
 */
public final class TestS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "lianxin-test";
    public static final String SECRET_KEY = "lianxin-test-secret-0123456789";
    public static final String REGION = "us-east-1";

    private final BlobStore blobs = new TransientNio2BlobStore();
    private int port;
    private S3Proxy proxy;
    private boolean closed;

    /** A new server, started. */
    public static TestS3 started() {
        TestS3 s3 = new TestS3();
        s3.start();
        return s3;
    }

    /** Starts on a free port (first call) or the same port as before. */
    public synchronized TestS3 start() {
        if (closed) {
            throw new IllegalStateException("TestS3 closed");
        }
        if (proxy != null) {
            return this;
        }
        Exception last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int p = port != 0 ? port : freePort();
            S3Proxy candidate = S3Proxy.builder()
                    .blobStore(blobs)
                    .endpoint(URI.create("http://127.0.0.1:" + p))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true)
                    .stopTimeout(500)
                    .build();
            try {
                candidate.start();
                waitStarted(candidate);
                proxy = candidate;
                port = p;
                return this;
            } catch (Exception e) {
                last = e;
                stopQuietly(candidate);
                if (port != 0) {
                    sleep(200); // the same port: give the old socket a moment
                }
            }
        }
        throw new IllegalStateException("cannot start S3Proxy" + (port != 0 ? " on port " + port : ""), last);
    }

    /** Stops the server; the port then refuses connections. Objects are kept for {@link #restart()}. */
    public synchronized void stop() {
        if (proxy != null) {
            stopQuietly(proxy);
            proxy = null;
        }
    }

    /** Starts again on the same port with the same objects (after {@link #stop()}; no-op if running). */
    public synchronized void restart() {
        if (port == 0) {
            throw new IllegalStateException("never started");
        }
        start();
    }

    public synchronized boolean running() {
        return proxy != null;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public synchronized URI endpoint() {
        if (port == 0) {
            throw new IllegalStateException("never started");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Settings for the application's S3 adapter; the bucket is created on first use. */
    public S3Settings settings(String bucket) {
        return new S3Settings(endpoint(), REGION, bucket, ACCESS_KEY, SECRET_KEY);
    }

    @Override
    public synchronized void close() {
        stop();
        if (!closed) {
            closed = true;
            blobs.close();
        }
    }

    private static void waitStarted(S3Proxy proxy) throws InterruptedException {
        for (int i = 0; i < 100 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(50);
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("S3Proxy state " + proxy.getState());
        }
    }

    private static void stopQuietly(S3Proxy p) {
        try {
            p.stop();
        } catch (Exception ignored) {
            // already stopped or never started
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
