package org.lianxin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The notification module's boundaries across the whole application (its own, inside the module, are
 * {@code NotificationBoundariesTest}): nobody reaches into its implementation, only its e-mail adapter speaks SMTP
 * anywhere, only the web application's notification wiring picks a channel, and it knows nothing of the web app.
 */
@AnalyzeClasses(packages = "org.lianxin", importOptions = {ArchitectureTest.MainCodeOnly.class})
class NotificationArchitectureTest {

    /** The rules below see both sides, or they would pass on nothing. */
    @ArchTest
    static void theImportHoldsTheModuleAndItsWiring(JavaClasses classes) {
        assertThat(classes.contain("org.lianxin.notification.mail.MailChannel")).isTrue();
        assertThat(classes.contain("org.lianxin.notification.internal.OutboxDispatcher")).isTrue();
        assertThat(classes.contain("org.lianxin.web.notify.NotificationConfiguration")).isTrue();
    }

    @ArchTest
    static final ArchRule notificationInternalsStayInside = noClasses()
            .that().resideOutsideOfPackage("org.lianxin.notification..")
            .should().dependOnClassesThat().resideInAPackage("org.lianxin.notification.internal..")
            .because("other modules queue notices through the API: Notifications, Notice, Recipient");

    @ArchTest
    static final ArchRule onlyTheMailAdapterSpeaksSmtp = noClasses()
            .that().resideOutsideOfPackage("org.lianxin.notification.mail..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.springframework.mail..")
            .because("every external server sits behind one port with one adapter package");

    @ArchTest
    static final ArchRule onlyTheWiringPicksAChannel = noClasses()
            .that().resideOutsideOfPackage("org.lianxin.notification..")
            .and().doNotHaveFullyQualifiedName("org.lianxin.web.notify.NotificationConfiguration")
            .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.notification.mail..",
                    "org.lianxin.notification.log..")
            .because("features queue notices; which channel sends them is configuration");

    @ArchTest
    static final ArchRule notificationDoesNotKnowTheWebApp = noClasses()
            .that().resideInAPackage("org.lianxin.notification..")
            .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.web..", "org.lianxin.signaling..",
                    "org.lianxin.recording..")
            .because("dependencies point one way: backoff, scheduler <- notification <- web");
}
