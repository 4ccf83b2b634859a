package org.lianxin.web.documents;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;

import jakarta.servlet.MultipartConfigElement;
import org.lianxin.documents.DocumentCatalog;
import org.lianxin.documents.DocumentStore;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.web.config.CheckedProperties;
import org.lianxin.web.config.ClusterJobs;
import org.lianxin.web.config.LianxinProperties;
import org.lianxin.web.problem.BodyLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents' wiring: the catalog (the application's database), the {@link DocumentStore} over the recordings' object
 * store (the same {@link ObjectStore} bean: a local folder or S3), the sweep of orphaned objects, and the request
 * limits of the upload: the servlet container's multipart limits (the part on disk from its first byte, never in
 * memory; at most {@code lianxin.documents.max-bytes}) and the request body limit of {@code POST /api/documents}
 * ({@link BodyLimit}: the document plus {@link #MULTIPART_OVERHEAD} for the form's headers and boundaries).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentsProperties.class)
public class DocumentsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DocumentsConfiguration.class);

    /** What a multipart form adds to the document's bytes: boundaries and the part's headers (a long Chinese name). */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    /** The documents' keys for the start-up check ({@code config.ConfigurationCheck}). */
    @Bean
    public static CheckedProperties<DocumentsProperties> documentsKeys() {
        return new CheckedProperties<>("lianxin.documents", DocumentsProperties.class, (p, secrets, problems) -> {
            if (p.maxBytes() != null && p.maxBytes().toBytes() < 1) {
                problems.add("lianxin.documents.max-bytes: must be positive, was " + p.maxBytes());
            }
            if (p.sweepEvery() != null && p.sweepEvery().toSeconds() < 1) {
                problems.add("lianxin.documents.sweep-every: at least 1s, was " + p.sweepEvery());
            }
        });
    }

    @Bean
    DocumentCatalog documentCatalog(DataSource dataSource) {
        return DocumentCatalog.jdbc(dataSource);
    }

    @Bean
    DocumentStore documentStore(ObjectStore store, DocumentCatalog catalog, DocumentsProperties props,
                                LianxinProperties lianxin, Clock clock) {
        Path scratch = props.scratchDir() != null ? props.scratchDir() : lianxin.dataDir().resolve("documents-scratch");
        DocumentStore documents = new DocumentStore(store, catalog, new DocumentStore.Settings(props.maxBytes().toBytes(),
                props.orphanAge(), scratch.toAbsolutePath()), clock);
        log.info("documents: in {} under {}, at most {} bytes each (lianxin.documents.max-bytes)", store.describe(),
                DocumentStore.PREFIX, props.maxBytes().toBytes());
        return documents;
    }

    @Bean
    DocumentSweep documentSweep(DocumentStore store, DocumentsProperties props, ClusterJobs jobs) {
        return new DocumentSweep(store, props.sweepEvery(), jobs);
    }

    /** The upload's body limit: larger than the 1 MiB every other request gets. */
    @Bean
    BodyLimit documentUploadLimit(DocumentsProperties props) {
        return new BodyLimit(DocumentsController.PATH, props.maxBytes().toBytes() + MULTIPART_OVERHEAD);
    }

    /**
     * The container's multipart limits (replacing Spring Boot's 1 MB / 10 MB defaults; only the upload takes
     * multipart): a part larger than the document limit is refused while it is read (413), and parts go to disk from
     * the first byte (threshold 0).
     */
    @Bean
    MultipartConfigElement multipartConfigElement(DocumentsProperties props) {
        long max = props.maxBytes().toBytes();
        return new MultipartConfigElement("", max, max + MULTIPART_OVERHEAD, 0);
    }
}
