package org.lianxin.webhooks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Only the HTTP adapter speaks HTTP; the API at the root reaches the implementation only through the one factory;
 * the module uses no feature module but the notification API (and the scheduler's Role in it).
 */
class WebhooksBoundariesTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.lianxin.webhooks");

    @Test
    void onlyTheHttpAdapterUsesAnHttpClient() {
        noClasses().that().resideOutsideOfPackage("org.lianxin.webhooks.http")
                .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "com.sun.net.httpserver..")
                .check(classes);
    }

    @Test
    void theApiReachesTheImplementationOnlyThroughTheFactory() {
        noClasses().that().resideInAPackage("org.lianxin.webhooks")
                .and().doNotHaveFullyQualifiedName("org.lianxin.webhooks.WebhooksModule")
                .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.webhooks.internal..",
                        "org.lianxin.webhooks.http..")
                .check(classes);
    }

    @Test
    void theImplementationDoesNotUseTheHttpAdapter() {
        noClasses().that().resideInAPackage("org.lianxin.webhooks.internal..")
                .should().dependOnClassesThat().resideInAPackage("org.lianxin.webhooks.http..")
                .check(classes);
    }

    @Test
    void theModuleUsesNoOtherFeatureModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.lianxin.web..", "org.lianxin.signaling..",
                        "org.lianxin.recording..", "org.lianxin.supervision..", "org.lianxin.evaluation..",
                        "org.lianxin.scheduler.internal..", "org.lianxin.notification.internal..",
                        "org.lianxin.notification.mail..")
                .check(classes);
    }
}
