package org.lianxin.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reports module builds on the statistics module's API (no figure counted again, no SQL of its own over the
 * scheduler's or supervision's tables), never on implementations or the web; PDFBox only in {@code internal}; the
 * ranking rule stays pure.
 */
class ReportsArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.lianxin.reports");
    }

    @Test
    void buildsOnApisOnly() {
        noClasses().that().resideInAPackage("org.lianxin.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.signaling..", "org.lianxin.recording..",
                        "org.lianxin.web..", "org.lianxin.scheduler.internal..", "org.lianxin.supervision..",
                        "org.lianxin.statistics.internal..", "org.lianxin.evaluation..")
                .check(classes);
    }

    @Test
    void theApiUsesTheImplementationOnlyToAssembleIt() {
        noClasses().that().resideInAPackage("org.lianxin.reports")
                .and().doNotHaveFullyQualifiedName(Bulletins.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.reports.internal..",
                        "org.apache.pdfbox..", "org.apache.fontbox..")
                .check(classes);
    }

    @Test
    void theRankingRuleIsPure() {
        noClasses().that().haveFullyQualifiedName(RankingRule.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.io..",
                        "java.nio..", "org.springframework..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .check(classes);
    }
}
