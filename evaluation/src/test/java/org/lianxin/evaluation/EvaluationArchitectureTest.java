package org.lianxin.evaluation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation module reads the supervision and scheduler records through their tables and the scheduler's API
 * types only: nothing of signaling, recording, documents or the web, nor of other modules' implementations. The
 * draw is pure: no database, no clock.
 */
class EvaluationArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.lianxin.evaluation");
    }

    @Test
    void usesNoOtherModulesImplementationNorTheWeb() {
        noClasses().that().resideInAPackage("org.lianxin.evaluation..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.signaling..", "org.lianxin.recording..",
                        "org.lianxin.documents..", "org.lianxin.web..", "org.lianxin.scheduler.internal..",
                        "org.lianxin.supervision.internal..")
                .check(classes);
    }

    @Test
    void theDrawIsPure() {
        noClasses().that().haveFullyQualifiedName(Draw.class.getName())
                .or().haveFullyQualifiedName(DrawInputs.class.getName())
                .or().haveFullyQualifiedName(DrawResult.class.getName())
                .or().haveFullyQualifiedName(Eligibility.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework..",
                        "java.util.random..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .check(classes);
    }

    @Test
    void theApiUsesTheImplementationOnlyToAssembleIt() {
        noClasses().that().resideInAPackage("org.lianxin.evaluation")
                .and().doNotHaveFullyQualifiedName(ThirdPartyEvaluation.class.getName())
                .should().dependOnClassesThat().resideInAPackage("org.lianxin.evaluation.internal..")
                .check(classes);
    }
}
