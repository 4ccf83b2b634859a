package org.lianxin.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.recording.storage.ObjectStores;
import org.lianxin.recording.testing.TestS3;

/** The store's contract over S3 (S3Proxy in this JVM, a fresh bucket per test), plus an outage. */
class DocumentStoreS3IT implements DocumentStoreContract {
    private static TestS3 s3;

    @TempDir
    Path tmp;
    private ObjectStore objects;

    @BeforeAll
    static void startS3() {
        s3 = TestS3.started();
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void bucket() {
        s3.restart();
        objects = ObjectStores.s3(s3.settings("documents-" + UUID.randomUUID()));
    }

    @Override
    public ObjectStore objects() {
        return objects;
    }

    @Override
    public Path scratch() {
        return tmp.resolve("scratch");
    }

    @Test
    void whileStorageIsDownAnUploadIsRefusedAsUnavailableAndLeavesNoRow() {
        InMemoryCatalog catalog = new InMemoryCatalog();
        DocumentStore store = store(catalog, Clock.systemUTC());
        objects.list(""); // the bucket exists
        s3.stop();
        try {
            assertThatThrownBy(() -> store.store(new ByteArrayInputStream(DocumentStoreContract.pdf(1000)), "a.pdf",
                    null, JINJIANG)).isInstanceOf(DocumentStorageUnavailable.class);
        } finally {
            s3.restart();
        }
        assertThat(catalog.size()).isZero();
        assertThat(objects.list("documents/")).isEmpty();
    }
}
