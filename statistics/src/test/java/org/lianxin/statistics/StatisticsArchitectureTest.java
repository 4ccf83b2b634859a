package org.lianxin.statistics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics module only reads: it uses the scheduler's API (offices, actors, refusals) and the tables of the
 * scheduler, supervision and evaluation modules (never their implementations, nor evaluation's classes at all), nor
 * signaling, recording or the web; its own API
 * leans on its implementation only in the factory {@link Statistics#create}.
 */
class StatisticsArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.lianxin.statistics");
    }

    @Test
    void readsThroughApisAndTablesOnly() {
        noClasses().that().resideInAPackage("org.lianxin.statistics..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.signaling..", "org.lianxin.recording..",
                        "org.lianxin.web..", "org.lianxin.scheduler.internal..", "org.lianxin.supervision.internal..",
                        "org.lianxin.evaluation..")
                .check(classes);
    }

    @Test
    void theApiUsesTheImplementationOnlyToAssembleIt() {
        noClasses().that().resideInAPackage("org.lianxin.statistics")
                .and().doNotHaveFullyQualifiedName(Statistics.class.getName())
                .should().dependOnClassesThat().resideInAPackage("org.lianxin.statistics.internal..")
                .check(classes);
    }
}
