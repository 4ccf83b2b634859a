package org.lianxin.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Boundaries of the signaling module: only the Janus adapter knows Janus's JSON and its transport. */
class SignalingArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lianxin.signaling");
    }

    @Test
    void onlyTheJanusAdapterUsesJacksonOrTheWebSocketClient() {
        noClasses().that().resideOutsideOfPackage("org.lianxin.signaling.media.internal.janus..")
                .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "jakarta.websocket..",
                        "org.apache.tomcat..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theMediaPortDoesNotDependOnItsAdapters() {
        noClasses().that().resideInAPackage("org.lianxin.signaling.media")
                .should().dependOnClassesThat().resideInAPackage("org.lianxin.signaling.media.internal..")
                .check(classes);
    }
}
