package org.lianxin.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.lianxin.recording.storage.ObjectStore;

/**
 * What {@link DocumentStore} promises over any object store: the same bytes back, nothing kept of a refused upload
 * or of one whose row failed, and the sweep of objects without rows. Implemented once per adapter (local folder,
 * S3 through S3Proxy).
 */
interface DocumentStoreContract {
    long MAX = 64 * 1024;
    DocumentStore.Uploader JINJIANG = new DocumentStore.Uploader("jinjiang.scheduler", 104);

    /** An empty object store, fresh for each test. */
    ObjectStore objects();

    Path scratch();

    default DocumentStore store(InMemoryCatalog catalog, Clock clock) {
        return new DocumentStore(objects(), catalog, new DocumentStore.Settings(MAX, Duration.ofHours(1), scratch()),
                clock);
    }

    static byte[] pdf(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 9);
        return b;
    }

    @Test
    default void aDocumentIsKeptUnderDocumentsAndReadBackByteForByte() throws Exception {
        InMemoryCatalog catalog = new InMemoryCatalog();
        DocumentStore store = store(catalog, Clock.systemUTC());
        byte[] pdf = pdf(50_000);
        DocumentInfo d = store.store(new ByteArrayInputStream(pdf), "答复.pdf", "application/pdf", JINJIANG);
        assertThat(d.objectKey()).startsWith("documents/").endsWith(".pdf");
        assertThat(d.size()).isEqualTo(pdf.length);
        assertThat(d.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf)));
        assertThat(d.type()).isEqualTo(DocumentType.PDF);
        assertThat(d.officeId()).isEqualTo(104);
        try (InputStream in = store.open(store.find(d.id()).orElseThrow())) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        assertThat(objects().list("documents/")).hasSize(1);
        assertThat(scratch().toFile().list()).as("the scratch file is gone").isEmpty();
    }

    @Test
    default void aDocumentOfExactlyTheLimitIsKept() {
        DocumentInfo d = store(new InMemoryCatalog(), Clock.systemUTC())
                .store(new ByteArrayInputStream(pdf((int) MAX)), "a.pdf", null, JINJIANG);
        assertThat(d.size()).isEqualTo(MAX);
    }

    @Test
    default void whenTheRowCannotBeWrittenTheObjectIsDeleted() {
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.failNextAdd();
        DocumentStore store = store(catalog, Clock.systemUTC());
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(pdf(1000)), "a.pdf", "application/pdf",
                JINJIANG)).hasMessageContaining("database down");
        assertThat(objects().list("documents/")).isEmpty();
        assertThat(catalog.size()).isZero();
    }

    @Test
    default void refusedUploadsKeepNothing() {
        InMemoryCatalog catalog = new InMemoryCatalog();
        DocumentStore store = store(catalog, Clock.systemUTC());
        byte[] exe = pdf(2000);
        exe[0] = 'M';
        exe[1] = 'Z';
        assertRefused(store, exe, "答复.pdf", "application/pdf", DocumentRefused.Reason.TYPE_NOT_ALLOWED);
        assertRefused(store, pdf(2000), "答复.exe", null, DocumentRefused.Reason.TYPE_MISMATCH);
        assertRefused(store, pdf(2000), "答复.pdf", "image/png", DocumentRefused.Reason.TYPE_MISMATCH);
        assertRefused(store, new byte[0], "答复.pdf", "application/pdf", DocumentRefused.Reason.EMPTY);
        assertRefused(store, pdf((int) MAX + 1), "答复.pdf", "application/pdf", DocumentRefused.Reason.TOO_LARGE);
        assertThat(objects().list("documents/")).isEmpty();
        assertThat(catalog.size()).isZero();
        assertThat(scratch().toFile().list()).as("no scratch file is left").isEmpty();
    }

    private static void assertRefused(DocumentStore store, byte[] content, String name, String type,
                                      DocumentRefused.Reason reason) {
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(content), name, type, JINJIANG))
                .isInstanceOfSatisfying(DocumentRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    default void anEndlessUploadIsReadOnlyToOneBytePastTheLimit() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) '%');
                read.addAndGet(len);
                return len;
            }
        };
        assertThatThrownBy(() -> store(new InMemoryCatalog(), Clock.systemUTC()).store(endless, "a.pdf", null, JINJIANG))
                .isInstanceOfSatisfying(DocumentRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(DocumentRefused.Reason.TOO_LARGE));
        assertThat(read.get()).isEqualTo(MAX + 1);
    }

    @Test
    default void theSweepDeletesOnlyObjectsWithoutRowsOlderThanTheOrphanAge() throws IOException {
        InMemoryCatalog catalog = new InMemoryCatalog();
        DocumentInfo kept = store(catalog, Clock.systemUTC())
                .store(new ByteArrayInputStream(pdf(1000)), "kept.pdf", null, JINJIANG);
        objects().put("documents/orphan.pdf", pdf(500), "application/pdf");
        objects().put("recordings/1/manifest.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(store(catalog, Clock.systemUTC()).sweepOrphans()).as("a young orphan may be an upload in flight")
                .isZero();
        assertThat(objects().list("documents/")).hasSize(2);

        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(61));
        assertThat(store(catalog, later).sweepOrphans()).isEqualTo(1);
        assertThat(objects().list("documents/")).extracting(ObjectStore.ObjectInfo::key)
                .containsExactly(kept.objectKey());
        assertThat(objects().stat("recordings/1/manifest.json")).as("only documents/ is swept").isPresent();
    }

    @Test
    default void downloadsAreRecordedWithWhoAndWhen() {
        InMemoryCatalog catalog = new InMemoryCatalog();
        Clock fixed = Clock.fixed(java.time.Instant.parse("2026-12-02T02:00:00Z"), java.time.ZoneOffset.UTC);
        DocumentStore store = store(catalog, fixed);
        DocumentInfo d = store.store(new ByteArrayInputStream(pdf(100)), "a.pdf", null, JINJIANG);
        store.recordDownload(d, "cd.scheduler", "127.0.0.1");
        assertThat(catalog.downloads(d.id())).containsExactly(
                new DocumentCatalog.Download(d.id(), "cd.scheduler", fixed.instant(), "127.0.0.1"));
    }
}
