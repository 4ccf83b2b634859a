package org.lianxin.topics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topics module reads the scheduler's tables and uses the scheduler's API types only: nothing of other
 * modules' implementations, signaling, recording or the web. The rule, the places and the workflow are pure: no
 * database, no clock. The API leans on its implementation only in {@link Topics}.
 */
class TopicsArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.lianxin.topics");
    }

    @Test
    void usesNoOtherModulesImplementationNorTheWeb() {
        noClasses().that().resideInAPackage("org.lianxin.topics..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.signaling..", "org.lianxin.recording..",
                        "org.lianxin.documents..", "org.lianxin.web..", "org.lianxin.scheduler.internal..",
                        "org.lianxin.supervision..", "org.lianxin.statistics..", "org.lianxin.evaluation..")
                .check(classes);
    }

    @Test
    void theRuleThePlacesAndTheWorkflowArePure() {
        noClasses().that().haveFullyQualifiedName(TopicRule.class.getName())
                .or().haveFullyQualifiedName(TopicWorkflow.class.getName())
                .or().haveFullyQualifiedName(Places.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework..",
                        "org.lianxin.topics.internal..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .check(classes);
    }

    @Test
    void theApiUsesTheImplementationOnlyToAssembleIt() {
        noClasses().that().resideInAPackage("org.lianxin.topics")
                .and().doNotHaveFullyQualifiedName(Topics.class.getName())
                .should().dependOnClassesThat().resideInAPackage("org.lianxin.topics.internal..")
                .check(classes);
    }
}
