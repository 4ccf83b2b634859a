package org.lianxin.recording.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.lianxin.recording.HashChain;

/**
 * What every {@link ObjectStore} adapter must do, as {@code default @Test} methods (Apache James style):
 * implement {@link #store()} and {@link #scratch()} and run the class. Each test works under its own
 * random prefix, so one store may serve every test.
 */
public interface ObjectStoreContract {

    String JSON = "application/json";
    String MKV = "video/x-matroska";

    ObjectStore store();

    /** A folder for source files of {@link ObjectStore#put(String, Path, String)}. */
    Path scratch();

    /** Whether the adapter hands out presigned URLs. */
    boolean presigns();

    private static String prefix() {
        return "contract/" + UUID.randomUUID() + "/";
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Path file(byte[] content) throws IOException {
        Path f = Files.createTempFile(scratch(), "src", ".bin");
        Files.write(f, content);
        return f;
    }

    @Test
    default void bytesPutUnderAKeyAreReadBackUnchanged() throws IOException {
        String key = prefix() + "manifest.json";
        byte[] content = "{\"format\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        store().put(key, content, JSON);
        assertThat(read(store().get(key))).isEqualTo(content);
        assertThat(store().stat(key)).hasValueSatisfying(i -> {
            assertThat(i.key()).isEqualTo(key);
            assertThat(i.size()).isEqualTo(content.length);
            assertThat(i.lastModified()).isNotNull();
        });
    }

    @Test
    default void aFilePutUnderAKeyIsReadBackUnchangedAndTheFileIsKept() throws IOException {
        String key = prefix() + "s0-p1/000000.mkv";
        byte[] content = random(100_000, 1);
        Path f = file(content);
        store().put(key, f, MKV);
        assertThat(read(store().get(key))).isEqualTo(content);
        assertThat(f).exists();
    }

    @Test
    default void anEmptyObjectIsStoredAndReadBackEmpty() throws IOException {
        String key = prefix() + "empty";
        store().put(key, new byte[0], JSON);
        assertThat(read(store().get(key))).isEmpty();
        assertThat(store().stat(key)).hasValueSatisfying(i -> assertThat(i.size()).isZero());
        assertThat(read(store().get(key, 0, 10))).isEmpty();
        String fromFile = prefix() + "empty-file";
        store().put(fromFile, file(new byte[0]), MKV);
        assertThat(store().stat(fromFile)).hasValueSatisfying(i -> assertThat(i.size()).isZero());
    }

    @Test
    default void aLargeObjectOf20MegabytesRoundTripsByteForByte() throws IOException {
        String key = prefix() + "large.mkv";
        Path f = Files.createTempFile(scratch(), "large", ".bin");
        Random r = new Random(20);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(f)) {
            for (int i = 0; i < 20; i++) {
                r.nextBytes(chunk);
                out.write(chunk);
            }
            out.write(chunk, 0, 12345); // not a multiple of any part size
        }
        long size = Files.size(f);
        store().put(key, f, MKV);
        assertThat(store().stat(key)).hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(size));
        try (InputStream in = store().get(key)) {
            assertThat(HashChain.sha256Hex(in)).isEqualTo(HashChain.sha256Hex(f));
        }
        // a range across the 5 MiB part boundary of a multipart upload
        long from = 5L * 1024 * 1024 - 100;
        byte[] expected = Arrays.copyOfRange(Files.readAllBytes(f), (int) from, (int) from + 200);
        assertThat(read(store().get(key, from, 200))).isEqualTo(expected);
    }

    @Test
    default void puttingAnExistingKeyReplacesTheObject() throws IOException {
        String key = prefix() + "m.json";
        store().put(key, "first version, longer".getBytes(StandardCharsets.UTF_8), JSON);
        store().put(key, file("second".getBytes(StandardCharsets.UTF_8)), JSON);
        assertThat(new String(read(store().get(key)), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(store().stat(key)).hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(6));
        assertThat(store().list(key)).hasSize(1);
    }

    @Test
    default void aMissingObjectIsNotFound() {
        String key = prefix() + "nothing-here.mkv";
        assertThat(store().stat(key)).isEmpty();
        assertThatThrownBy(() -> store().get(key)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> store().get(key, 0, 10)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> store().get(key, 5, 0)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND));
    }

    @Test
    default void rangeReadsReturnTheAskedBytesAndFewerAtTheEnd() throws IOException {
        String key = prefix() + "digits";
        byte[] content = "0123456789".getBytes(StandardCharsets.US_ASCII);
        store().put(key, content, "text/plain");
        assertThat(new String(read(store().get(key, 0, 3)), StandardCharsets.US_ASCII)).isEqualTo("012");
        assertThat(new String(read(store().get(key, 4, 3)), StandardCharsets.US_ASCII)).isEqualTo("456");
        assertThat(new String(read(store().get(key, 7, 100)), StandardCharsets.US_ASCII)).isEqualTo("789");
        assertThat(new String(read(store().get(key, 9, 1)), StandardCharsets.US_ASCII)).isEqualTo("9");
        assertThat(read(store().get(key, 10, 5))).isEmpty();
        assertThat(read(store().get(key, 50, 5))).isEmpty();
        assertThat(read(store().get(key, 3, 0))).isEmpty();
        assertThatThrownBy(() -> store().get(key, -1, 5)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.REFUSED));
    }

    @Test
    default void listReturnsTheObjectsUnderAPrefixSortedByKey() {
        String p = prefix();
        List<String> keys = new ArrayList<>(List.of(p + "r1/s0-p1/000000.mkv", p + "r1/s0-p1/000001.mkv",
                p + "r1/s0-p2/000000.mkv", p + "r1/manifest.json", p + "r10/manifest.json", p + "r2/manifest.json"));
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(3));
        for (String k : shuffled) {
            store().put(k, k.getBytes(StandardCharsets.UTF_8), JSON);
        }
        List<String> sorted = keys.stream().sorted().toList();
        assertThat(store().list(p)).extracting(ObjectStore.ObjectInfo::key).containsExactlyElementsOf(sorted);
        assertThat(store().list(p)).allSatisfy(i -> assertThat(i.size()).isEqualTo(i.key().length()));
        assertThat(store().list(p + "r1/")).extracting(ObjectStore.ObjectInfo::key).containsExactly(
                p + "r1/manifest.json", p + "r1/s0-p1/000000.mkv", p + "r1/s0-p1/000001.mkv", p + "r1/s0-p2/000000.mkv");
        // a prefix is a string prefix, not a folder: r1 also matches r10
        assertThat(store().list(p + "r1")).hasSize(5);
        assertThat(store().list(p + "r1/s0-p1/")).hasSize(2);
        assertThat(store().list(p + "r3/")).isEmpty();
        assertThat(store().list(p + "nothing")).isEmpty();
    }

    @Test
    default void deleteRemovesTheObjectAndIsIdempotent() throws IOException {
        String p = prefix();
        store().put(p + "a", new byte[] {1}, JSON);
        store().put(p + "b", new byte[] {2}, JSON);
        store().delete(p + "a");
        assertThat(store().stat(p + "a")).isEmpty();
        store().delete(p + "a");
        store().delete(p + "never-was");
        assertThat(store().list(p)).extracting(ObjectStore.ObjectInfo::key).containsExactly(p + "b");
        assertThat(read(store().get(p + "b"))).containsExactly(2);
    }

    @Test
    default void badKeysAreRefusedByEveryOperation() throws IOException {
        Path f = file(new byte[] {1});
        for (String bad : List.of("", "/recordings/1/x", "recordings/../x", "..", "../outside", "a//b", "a/./b",
                "a/", "a b", "a\\b", "a:b", "录制/1", "x?y", "a".repeat(513),
                "k/" + "a".repeat(256))) {
            assertThatThrownBy(() -> store().put(bad, new byte[] {1}, JSON)).as("put %s", bad)
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.REFUSED));
            assertThatThrownBy(() -> store().put(bad, f, JSON)).as("put file %s", bad)
                    .isInstanceOfSatisfying(StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.REFUSED));
            assertThatThrownBy(() -> store().get(bad)).as("get %s", bad).isInstanceOf(StorageException.class);
            assertThatThrownBy(() -> store().stat(bad)).as("stat %s", bad).isInstanceOf(StorageException.class);
            assertThatThrownBy(() -> store().delete(bad)).as("delete %s", bad).isInstanceOf(StorageException.class);
        }
        String longest = "a".repeat(255) + "/" + "b".repeat(254) + "/c";
        assertThat(longest).hasSize(512);
        store().put(longest, new byte[] {7}, JSON);
        assertThat(store().stat(longest)).isPresent();
        store().delete(longest);
    }

    @Test
    default void concurrentPutsOfDifferentKeysAllLand() throws Exception {
        String p = prefix();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 6; i++) {
                        String key = p + "t" + thread + "/" + i;
                        byte[] content = random(10_000 + i, thread * 100L + i);
                        if (i % 2 == 0) {
                            store().put(key, content, MKV);
                        } else {
                            store().put(key, file(content), MKV);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store().list(p)).hasSize(48);
        for (int t = 0; t < 8; t++) {
            for (int i = 0; i < 6; i++) {
                assertThat(read(store().get(p + "t" + t + "/" + i))).isEqualTo(random(10_000 + i, t * 100L + i));
            }
        }
    }

    @Test
    default void aReaderSeesTheOldOrTheNewObjectNeverAMixture() throws Exception {
        String key = prefix() + "replaced";
        byte[] a = new byte[256 * 1024];
        byte[] b = new byte[200 * 1024];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        Path fa = file(a);
        Path fb = file(b);
        store().put(key, fa, MKV);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> bad = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!stop.get() && bad.get() == null) {
                try {
                    byte[] got = read(store().get(key));
                    if (!Arrays.equals(got, a) && !Arrays.equals(got, b)) {
                        bad.set("read " + got.length + " bytes, neither version");
                    }
                } catch (Exception e) {
                    bad.set(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 20; i++) {
            store().put(key, i % 2 == 0 ? fb : fa, MKV);
        }
        stop.set(true);
        reader.join(10_000);
        assertThat(bad.get()).isNull();
    }

    @Test
    default void aPresignedUrlDownloadsTheObjectUntilItExpires() throws Exception {
        String key = prefix() + "composed.mp4";
        byte[] content = random(50_000, 9);
        store().put(key, content, "video/mp4");
        Optional<URI> url = store().presignedGet(key, Duration.ofMinutes(5));
        if (!presigns()) {
            assertThat(url).isEmpty();
            return;
        }
        assertThat(url).isPresent();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(url.get()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(content);

        URI shortLived = store().presignedGet(key, Duration.ofSeconds(1)).orElseThrow();
        // refused once its second has passed (the server's clock decides when)
        org.awaitility.Awaitility.await("the 1 s link refused").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250)).until(() -> http.send(HttpRequest.newBuilder(shortLived).GET()
                        .build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 403);
    }
}
