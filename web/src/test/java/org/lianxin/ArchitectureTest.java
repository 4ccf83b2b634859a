package org.lianxin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Module boundaries: only the scheduler sees its internals, and the scheduler knows nothing of the web app. */
@AnalyzeClasses(packages = "org.lianxin", importOptions = {ArchitectureTest.MainCodeOnly.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule schedulerInternalsStayInside = noClasses()
            .that().resideOutsideOfPackage("org.lianxin.scheduler..")
            .should().dependOnClassesThat().resideInAPackage("org.lianxin.scheduler.internal..")
            .because("other modules use the scheduler's API types only");

    @ArchTest
    static final ArchRule schedulerDoesNotKnowTheWebApp = noClasses()
            .that().resideInAPackage("org.lianxin.scheduler..")
            .should().dependOnClassesThat().resideInAPackage("org.lianxin.web..")
            .because("dependencies point one way: scheduler <- web");

    /** Main code of every module, from class folders or jars; no test classes or test-jars. */
    static final class MainCodeOnly implements ImportOption {
        private static final ImportOption TESTS = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return TESTS.includes(location) && !location.contains("-tests.jar");
        }
    }
}
