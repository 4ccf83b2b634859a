package org.lianxin.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Only the e-mail adapter speaks SMTP; the API at the root uses no adapter and no implementation (but the one
 * factory); the module knows nothing of WebRTC, recordings or the web application.
 */
class NotificationBoundariesTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.lianxin.notification");

    @Test
    void onlyTheMailAdapterUsesJakartaMailOrSpringMail() {
        noClasses().that().resideOutsideOfPackage("org.lianxin.notification.mail")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.springframework.mail..")
                .check(classes);
    }

    @Test
    void theApiReachesTheImplementationOnlyThroughTheFactory() {
        noClasses().that().resideInAPackage("org.lianxin.notification")
                .and().doNotHaveFullyQualifiedName("org.lianxin.notification.NotificationModule")
                .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.notification.internal..",
                        "org.lianxin.notification.mail..", "org.lianxin.notification.log..")
                .check(classes);
    }

    @Test
    void theModuleUsesNoOtherFeatureModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.lianxin.web..", "org.lianxin.signaling..",
                        "org.lianxin.recording..", "org.lianxin.scheduler.internal..")
                .check(classes);
    }
}
