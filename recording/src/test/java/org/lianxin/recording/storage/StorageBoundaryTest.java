package org.lianxin.recording.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Only the S3 adapter talks to the MinIO client; only the factory reaches into the adapters' package. */
class StorageBoundaryTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.lianxin.recording");

    @Test
    void onlyS3StoreUsesTheMinioClient() {
        noClasses().that().doNotHaveFullyQualifiedName("org.lianxin.recording.storage.internal.S3Store")
                .and().doNotHaveFullyQualifiedName("org.lianxin.recording.storage.internal.S3Store$Call")
                .should().dependOnClassesThat().resideInAnyPackage("io.minio..", "okhttp3..")
                .check(classes);
    }

    @Test
    void onlyObjectStoresReachesTheAdapters() {
        noClasses().that().resideOutsideOfPackage("org.lianxin.recording.storage.internal")
                .and().doNotHaveFullyQualifiedName("org.lianxin.recording.storage.ObjectStores")
                .should().dependOnClassesThat().resideInAPackage("org.lianxin.recording.storage.internal")
                .check(classes);
    }
}
