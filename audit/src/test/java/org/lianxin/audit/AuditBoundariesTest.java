package org.lianxin.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The audit module depends on no other Lianxin module, and its {@code internal} package is its own. */
class AuditBoundariesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("org.lianxin.audit", "db.migration");

    @Test
    void usesNoOtherLianxinModule() {
        noClasses().that().resideInAPackage("org.lianxin.audit..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "another Lianxin module", c -> c.getPackageName().startsWith("org.lianxin.")
                                && !c.getPackageName().startsWith("org.lianxin.audit")
                                && !c.getPackageName().startsWith("org.lianxin.backoff")))
                .check(MAIN);
    }

    @Test
    void internalIsReachedOnlyFromTheModulesRoot() {
        classes().that().resideInAPackage("org.lianxin.audit.internal..")
                .should().onlyHaveDependentClassesThat().resideInAnyPackage("org.lianxin.audit..")
                .check(MAIN);
    }

    @Test
    void onlyTheTimestampPackageKnowsBouncyCastle() {
        noClasses().that().resideInAPackage("org.lianxin.audit..")
                .and().resideOutsideOfPackage("org.lianxin.audit.tsa..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..")
                .check(MAIN);
    }

    @Test
    void onlyTheMigrationAndTheH2TriggersKnowFlywayAndH2() {
        noClasses().that().resideInAPackage("org.lianxin.audit..")
                .and().doNotHaveSimpleName("AppendOnlyTrigger").and().doNotHaveSimpleName("ArchiveGuardTrigger")
                .should().dependOnClassesThat().resideInAnyPackage("org.flywaydb..", "org.h2..")
                .check(MAIN);
    }
}
