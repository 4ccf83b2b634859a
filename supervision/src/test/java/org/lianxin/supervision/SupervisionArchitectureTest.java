package org.lianxin.supervision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The supervision module builds on the scheduler's API only: it knows nothing of WebRTC, recordings or the web, never
 * reaches into the scheduler's implementation, and its own API does not lean on its implementation (only the factory
 * {@link Supervision#create} assembles it).
 */
class SupervisionArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.lianxin.supervision");
    }

    @Test
    void usesNeitherSignalingNorRecordingNorWeb() {
        noClasses().that().resideInAPackage("org.lianxin.supervision..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.signaling..", "org.lianxin.recording..",
                        "org.lianxin.web..", "org.lianxin.scheduler.internal..")
                .check(classes);
    }

    @Test
    void theApiUsesTheImplementationOnlyToAssembleIt() {
        noClasses().that().resideInAPackage("org.lianxin.supervision")
                .and().doNotHaveFullyQualifiedName(Supervision.class.getName())
                .should().dependOnClassesThat().resideInAPackage("org.lianxin.supervision.internal..")
                .check(classes);
    }
}
