package org.lianxin.web.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.MultipartConfigElement;
import org.junit.jupiter.api.Test;
import org.lianxin.web.problem.BodyLimit;
import org.springframework.util.unit.DataSize;

class DocumentsConfigurationTest {
    private final DocumentsConfiguration config = new DocumentsConfiguration();

    private static DocumentsProperties props(String maxBytes) {
        return new DocumentsProperties(DataSize.parse(maxBytes), Duration.ofHours(1), Duration.ofHours(1), null);
    }

    @Test
    void theContainerWritesUploadsToDiskFromTheFirstByteAndRefusesAPartOverTheDocumentLimit() {
        MultipartConfigElement multipart = config.multipartConfigElement(props("20MB"));
        assertThat(multipart.getFileSizeThreshold()).as("nothing held in memory").isZero();
        assertThat(multipart.getMaxFileSize()).isEqualTo(20L * 1024 * 1024);
        assertThat(multipart.getMaxRequestSize()).isEqualTo(20L * 1024 * 1024 + DocumentsConfiguration.MULTIPART_OVERHEAD);
    }

    @Test
    void theUploadsBodyLimitIsTheDocumentLimitPlusTheFormsOverhead() {
        BodyLimit limit = config.documentUploadLimit(props("5MB"));
        assertThat(limit.path()).isEqualTo("/api/documents");
        assertThat(limit.bytes()).isEqualTo(5L * 1024 * 1024 + DocumentsConfiguration.MULTIPART_OVERHEAD);
    }

    @Test
    void aZeroLimitOrAnIntervalUnderASecondIsABadConfiguration() {
        List<String> problems = new ArrayList<>();
        DocumentsConfiguration.documentsKeys().rules().check(
                new DocumentsProperties(DataSize.ofBytes(0), Duration.ofHours(1), Duration.ofMillis(10), null), null,
                problems);
        assertThat(problems).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("lianxin.documents.max-bytes"))
                .anySatisfy(p -> assertThat(p).startsWith("lianxin.documents.sweep-every"));
        problems.clear();
        DocumentsConfiguration.documentsKeys().rules().check(props("20MB"), null, problems);
        assertThat(problems).isEmpty();
    }
}
