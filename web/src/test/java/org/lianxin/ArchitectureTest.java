package org.lianxin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Module boundaries: only the scheduler and the supervision module see their internals; the scheduler knows nothing of
 * supervision or the web app; supervision knows nothing of media, recordings or the web app.
 */
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

    @ArchTest
    static final ArchRule supervisionInternalsStayInside = noClasses()
            .that().resideOutsideOfPackage("org.lianxin.supervision..")
            .should().dependOnClassesThat().resideInAPackage("org.lianxin.supervision.internal..")
            .because("other modules and the web app use the supervision module's API types only");

    @ArchTest
    static final ArchRule supervisionKnowsNoMediaRecordingOrWeb = noClasses()
            .that().resideInAPackage("org.lianxin.supervision..")
            .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.signaling..", "org.lianxin.recording..",
                    "org.lianxin.web..")
            .because("supervision builds on the scheduler only: scheduler <- supervision <- web");

    @ArchTest
    static final ArchRule theSchedulerDoesNotKnowSupervision = noClasses()
            .that().resideInAPackage("org.lianxin.scheduler..")
            .should().dependOnClassesThat().resideInAPackage("org.lianxin.supervision..")
            .because("dependencies point one way: scheduler <- supervision");

    /** Main code of every module, from class folders or jars; no test classes or test-jars. */
    static final class MainCodeOnly implements ImportOption {
        private static final ImportOption TESTS = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return TESTS.includes(location) && !location.contains("-tests.jar");
        }
    }
}
