package org.lianxin.signaling.room;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live-room core (token, protocol, room) is pure: no transport, no media calls, no framework;
 * only the token package knows the JWT library and only the codec's JSON layer knows Jackson;
 * dependencies point token ← protocol ← room.
 */
class RoomBoundariesTest {

    private static final String TOKEN = "org.lianxin.signaling.token..";
    private static final String PROTOCOL = "org.lianxin.signaling.protocol..";
    private static final String ROOM = "org.lianxin.signaling.room..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lianxin.signaling");
    }

    @Test
    void theCoreUsesNoTransportNoMediaEngineAndNoFramework() {
        noClasses().that().resideInAnyPackage(TOKEN, PROTOCOL, ROOM)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.websocket..", "org.apache.tomcat..",
                        "org.springframework..", "com.fasterxml..", "org.lianxin.signaling.media.internal..")
                .check(classes);
        noClasses().that().resideInAnyPackage(TOKEN, PROTOCOL, ROOM)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.lianxin.signaling.media.MediaEngine")
                .check(classes);
    }

    @Test
    void onlyTheCodecsJsonLayerKnowsJackson() {
        noClasses().that().resideInAnyPackage(TOKEN, PROTOCOL, ROOM)
                .and().doNotHaveFullyQualifiedName("org.lianxin.signaling.protocol.Json")
                .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..")
                .check(classes);
    }

    @Test
    void onlyTheTokenPackageKnowsTheJwtLibrary() {
        classes().that().resideOutsideOfPackage(TOKEN)
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("com.nimbusds..")
                .check(classes);
    }

    @Test
    void dependenciesPointFromRoomToProtocolToToken() {
        noClasses().that().resideInAPackage(TOKEN)
                .should().dependOnClassesThat().resideInAnyPackage(PROTOCOL, ROOM)
                .check(classes);
        noClasses().that().resideInAPackage(PROTOCOL)
                .should().dependOnClassesThat().resideInAPackage(ROOM)
                .check(classes);
    }
}
