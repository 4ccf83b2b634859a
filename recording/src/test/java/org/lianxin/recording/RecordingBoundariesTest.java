package org.lianxin.recording;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The recording module's boundaries, over the main code of every module on this classpath (recording, signaling,
 * scheduler, backoff; the web module checks itself): an {@code internal} package is reached only from the package it
 * belongs to (the service's parts only from {@link RecordingService} and {@link RecordingCatalog}, the storage
 * adapters only from {@code ObjectStores}), and FFmpeg (JavaCV) is used by this module's media packages only.
 */
class RecordingBoundariesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(new MainCodeOnly())
            .importPackages("org.lianxin");

    @Test
    void anInternalPackageIsReachedOnlyFromThePackageItBelongsTo() {
        ArchRule rule = classes().that().resideInAPackage("org.lianxin.recording..internal..")
                .should(onlyBeUsedFromTheirParentPackage())
                .because("a module's API is its package roots; internal packages are implementation");
        rule.check(MAIN);
    }

    @Test
    void noOtherModuleUsesFfmpeg() {
        noClasses().that().resideOutsideOfPackage("org.lianxin.recording..")
                .should().dependOnClassesThat().resideInAPackage("org.bytedeco..")
                .because("exactly one module imports JavaCV/FFmpeg")
                .check(MAIN);
    }

    @Test
    void withinRecordingOnlyCaptureAndComposeUseFfmpeg() {
        noClasses().that().resideInAPackage("org.lianxin.recording..")
                .and().resideOutsideOfPackages("org.lianxin.recording.capture", "org.lianxin.recording.compose")
                .should().dependOnClassesThat().resideInAPackage("org.bytedeco..")
                .because("the service and storage reach media files through capture's and compose's API")
                .check(MAIN);
    }

    /** The package an internal package belongs to: {@code a.b.internal.c} belongs to {@code a.b}. */
    static String parentOf(String internalPackage) {
        int at = internalPackage.indexOf(".internal");
        return internalPackage.substring(0, at);
    }

    private static ArchCondition<JavaClass> onlyBeUsedFromTheirParentPackage() {
        return new ArchCondition<>("only be used from the package their internal package belongs to") {
            @Override
            public void check(JavaClass target, ConditionEvents events) {
                String parent = parentOf(target.getPackageName());
                String internal = parent + ".internal";
                for (Dependency d : target.getDirectDependenciesToSelf()) {
                    String from = d.getOriginClass().getPackageName();
                    boolean allowed = from.equals(parent) || from.equals(internal) || from.startsWith(internal + ".");
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    /** Main code of every module, from class folders or jars; no test classes or test-jars. */
    static final class MainCodeOnly implements ImportOption {
        private static final ImportOption TESTS = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return TESTS.includes(location) && !location.contains("-tests.jar");
        }
    }
}
