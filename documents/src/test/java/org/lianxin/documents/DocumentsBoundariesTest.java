package org.lianxin.documents;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The documents module's boundaries: its {@code internal} package is reached from its API only; it uses the other
 * modules' APIs, never their {@code internal} packages (the object store through the storage port, not an adapter);
 * and it knows nothing of HTTP or servlets (the web module maps its refusals).
 */
class DocumentsBoundariesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.lianxin.documents");

    @Test
    void theInternalPackageIsReachedFromTheModulesApiOnly() {
        classes().that().resideInAPackage("org.lianxin.documents.internal..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage("org.lianxin.documents..")
                .check(MAIN);
    }

    @Test
    void otherModulesAreUsedThroughTheirApis() {
        noClasses().that().resideInAPackage("org.lianxin.documents..")
                .should().dependOnClassesThat().resideInAPackage("org.lianxin.recording..internal..")
                .orShould().dependOnClassesThat().resideInAPackage("org.lianxin.scheduler..internal..")
                .orShould().dependOnClassesThat().resideInAPackage("io.minio..")
                .check(MAIN);
    }

    @Test
    void theModuleKnowsNothingOfHttp() {
        noClasses().that().resideInAPackage("org.lianxin.documents..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
                        "org.springframework.http..")
                .check(MAIN);
    }
}
