package org.lianxin.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lianxin.web.live.planted.SharedUsesAFeature;
import org.lianxin.web.reception.planted.PlantedViolations;
import org.springframework.context.annotation.Configuration;

/**
 * The web module's boundaries: no web class — controller, page route, listener or wiring — reaches into another
 * module's {@code internal} package; a feature package uses the shared ones (live rooms' wiring, security,
 * problems, configuration) and the modules' APIs, never another feature's; and only configuration classes build the
 * modules' implementations (the scheduler's assembly, the Janus adapter, the storage adapters); and the shared
 * packages never use a feature. Each rule is also seen failing on violations planted in test code
 * ({@link PlantedViolations}, {@link SharedUsesAFeature}).
 */
class WebArchitectureTest {

    /** What a feature owns: its REST API or page, and the side effects it decides. */
    static final List<String> FEATURES = List.of("bookings", "calendar", "cases", "consultation", "demo", "documents",
            "evaluation", "integration", "me", "medianodes", "notify", "offices", "officials", "reception", "recording", "reports",
            "statistics", "supervision", "terminals", "topics", "webhooks", "users", "auditor");
    /** What every feature may use. */
    static final List<String> SHARED = List.of("audit", "cluster", "config", "input", "live", "problem", "security");
    /** The modules' implementations, built only where the application is wired. */
    static final List<String> IMPLEMENTATIONS = List.of("org.lianxin.scheduler.Scheduler",
            "org.lianxin.signaling.live.JanusNode", "org.lianxin.recording.storage.ObjectStores",
            "org.lianxin.audit.Audits");

    static final ArchRule NO_WEB_CLASS_REACHES_INTO_AN_INTERNAL_PACKAGE = noClasses()
            .that().resideInAPackage("org.lianxin.web..")
            .should().dependOnClassesThat().resideInAPackage("org.lianxin..internal..")
            .because("a module's internal package is its implementation: controllers, page routes, listeners and"
                    + " wiring use its API");

    static final ArchRule SHARED_PACKAGES_USE_NO_FEATURE = noClasses()
            .that().resideInAnyPackage(SHARED.stream().map(p -> "org.lianxin.web." + p + "..").toArray(String[]::new))
            .should().dependOnClassesThat().resideInAnyPackage(
                    FEATURES.stream().map(f -> "org.lianxin.web." + f + "..").toArray(String[]::new))
            .because("what every feature uses cannot depend on one of them: a feature plugs into a shared package"
                    + " through a type that package defines (a LiveRoomListener, a CheckedProperties bean, an"
                    + " ErrorResponseException made with Problems)");

    static final ArchRule ONLY_CONFIGURATION_BUILDS_IMPLEMENTATIONS = noClasses()
            .that().resideInAPackage("org.lianxin.web..")
            .and().areNotAnnotatedWith(Configuration.class)
            .should().dependOnClassesThat().haveFullyQualifiedName(IMPLEMENTATIONS.get(0))
            .orShould().dependOnClassesThat().haveFullyQualifiedName(IMPLEMENTATIONS.get(1))
            .orShould().dependOnClassesThat().haveFullyQualifiedName(IMPLEMENTATIONS.get(2))
            .orShould().dependOnClassesThat().haveFullyQualifiedName(IMPLEMENTATIONS.get(3))
            .because("the modules are assembled in the configuration classes; features get the API beans");

    static final ArchRule ONLY_THE_SUPERVISION_FEATURE_USES_THE_SUPERVISION_MODULE = noClasses()
            .that().resideInAPackage("org.lianxin.web..")
            .and().resideOutsideOfPackages("org.lianxin.web.supervision..", "org.lianxin.web.config..",
                    "org.lianxin.web.problem..", "org.lianxin.web.webhooks..")
            .should().dependOnClassesThat().resideInAPackage("org.lianxin.supervision..")
            .because("the supervision module is served by one web feature; configuration wires it, the problem"
                    + " handler maps its refusals and the webhooks feature sends its notices out as events");

    static final ArchRule ONLY_THE_WEBHOOKS_FEATURE_USES_THE_WEBHOOKS_MODULE = noClasses()
            .that().resideInAPackage("org.lianxin.web..")
            .and().resideOutsideOfPackages("org.lianxin.web.webhooks..", "org.lianxin.web.problem..",
                    "org.lianxin.web.integration..")
            .should().dependOnClassesThat().resideInAPackage("org.lianxin.webhooks..")
            .because("events go out through one web feature, which holds one listener per source; the problem"
                    + " handler maps the module's refusals; the inbound API checks the same signature scheme");

    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("org.lianxin.web");
        assertThat(main.contain("org.lianxin.web.reception.BookingSessions")).as("the main code is imported").isTrue();
        assertThat(main.contain(PlantedViolations.class.getName())).as("no test code is imported").isFalse();
    }

    /** One rule per feature: it uses no other feature. */
    static List<ArchRule> featuresStayApart() {
        List<ArchRule> rules = new ArrayList<>();
        for (String feature : FEATURES) {
            String[] others = FEATURES.stream().filter(f -> !f.equals(feature)).map(f -> "org.lianxin.web." + f + "..")
                    .toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage("org.lianxin.web." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a feature decides its own side effects; what features share lives in "
                            + SHARED));
        }
        return rules;
    }

    @Test
    void noWebClassReachesIntoAnotherModulesInternalPackage() {
        NO_WEB_CLASS_REACHES_INTO_AN_INTERNAL_PACKAGE.check(main);
    }

    @Test
    void featurePackagesUseTheSharedOnesNeverEachOther() {
        featuresStayApart().forEach(rule -> rule.check(main));
    }

    @Test
    void onlyTheSupervisionFeatureUsesTheSupervisionModule() {
        ONLY_THE_SUPERVISION_FEATURE_USES_THE_SUPERVISION_MODULE.check(main);
    }

    @Test
    void onlyTheWebhooksFeatureUsesTheWebhooksModule() {
        ONLY_THE_WEBHOOKS_FEATURE_USES_THE_WEBHOOKS_MODULE.check(main);
    }

    @Test
    void sharedPackagesNeverUseAFeature() {
        SHARED_PACKAGES_USE_NO_FEATURE.check(main);
    }

    @Test
    void onlyConfigurationClassesBuildTheModulesImplementations() {
        ONLY_CONFIGURATION_BUILDS_IMPLEMENTATIONS.check(main);
    }

    @Test
    void everyPackageOfTheWebModuleIsAFeatureOrShared() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : main) {
            String p = c.getPackageName();
            if (p.startsWith("org.lianxin.web.")) {
                packages.add(p.substring("org.lianxin.web.".length()).split("\\.")[0]);
            }
        }
        List<String> known = new ArrayList<>(FEATURES);
        known.addAll(SHARED);
        assertThat(known).as("a new package must be classified here, so that the rules above cover it")
                .containsAll(packages);
        classes().that().resideInAPackage("org.lianxin.web").should().haveSimpleName("LianxinApplication")
                .check(main);
    }

    @Test
    void eachRuleFailsOnAPlantedViolation() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                PlantedViolations.ReachesIntoAnInternalPackage.class, PlantedViolations.UsesAnotherFeature.class,
                PlantedViolations.BuildsAnImplementationOutsideTheWiring.class, SharedUsesAFeature.class);
        assertThatThrownBy(() -> NO_WEB_CLASS_REACHES_INTO_AN_INTERNAL_PACKAGE.check(planted))
                .isInstanceOf(AssertionError.class).hasMessageContaining("JanusSettings")
                .hasMessageContaining("ReachesIntoAnInternalPackage");
        ArchRule receptionRule = featuresStayApart().get(FEATURES.indexOf("reception"));
        assertThatThrownBy(() -> receptionRule.check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("DemoData").hasMessageContaining("UsesAnotherFeature");
        assertThatThrownBy(() -> SHARED_PACKAGES_USE_NO_FEATURE.check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("DemoData").hasMessageContaining("SharedUsesAFeature");
        assertThatThrownBy(() -> ONLY_CONFIGURATION_BUILDS_IMPLEMENTATIONS.check(planted))
                .isInstanceOf(AssertionError.class).hasMessageContaining("JanusNode")
                .hasMessageContaining("BuildsAnImplementationOutsideTheWiring");
    }
}
