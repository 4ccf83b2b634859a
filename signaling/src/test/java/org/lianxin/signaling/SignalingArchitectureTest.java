package org.lianxin.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Boundaries of the media port in the signaling module: the port knows no media server protocol. */
class SignalingArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lianxin.signaling");
    }

    @Test
    void theMediaPortKnowsNoMediaServerProtocolNorItsAdapters() {
        noClasses().that().resideInAPackage("org.lianxin.signaling.media")
                .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "jakarta.websocket..",
                        "org.apache.tomcat..", "org.lianxin.signaling.media.internal..")
                .check(classes);
    }
}
