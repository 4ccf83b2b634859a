package org.lianxin.supervision.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import static com.tngtech.archunit.base.DescribedPredicate.describe;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workflow, the deadline engine and the sweep's decisions are pure: state and time in, decisions out. They use
 * only the JDK's values and the module's own API records — no database, no framework, no clock of their own.
 */
class WorkflowPurityTest {
    private static final String PURE =
            "org\\.lianxin\\.supervision\\.internal\\.(ItemWorkflow|Deadlines|SweepRules|ReviewRules|EscalationRules)(\\$.*)?";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lianxin.supervision");
    }

    @Test
    void theWorkflowDeadlinesAndSweepDecisionsDoNoIo() {
        classes().that().haveNameMatching(PURE)
                .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java.lang..", "java.time..",
                        "java.util..", "org.lianxin.supervision").or(describe("a pure class", 
                        c -> c.getBaseComponentType().getName().matches(PURE))))
                .allowEmptyShould(false)
                .check(classes);
    }
}
