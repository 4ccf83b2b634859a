package org.lianxin.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signaling module's boundaries: internal packages are reached only from inside them (and the
 * Janus adapter by its one factory), only the Janus adapter talks to Janus, the media port knows no
 * media server, the public surface is what the other modules use, and fixtures for other modules'
 * tests live in {@code org.lianxin.signaling.testing}, never in an internal package. (The room
 * state machine's purity is {@code room.RoomBoundariesTest}.)
 */
class SignalingArchitectureTest {

    private static final String JANUS_ADAPTER = "org.lianxin.signaling.media.internal.janus..";
    /** The one class outside the adapter that may build it (web wires the media engine through it). */
    private static final String JANUS_FACTORY = "org.lianxin.signaling.live.JanusNode";

    private static JavaClasses classes;
    private static JavaClasses tests;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lianxin.signaling");
        tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("org.lianxin.signaling");
    }

    @Test
    void theMediaPortKnowsNoMediaServerProtocolNorItsAdapters() {
        noClasses().that().resideInAPackage("org.lianxin.signaling.media")
                .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "jakarta.websocket..",
                        "org.apache.tomcat..", "org.lianxin.signaling.media.internal..")
                .check(classes);
    }

    @Test
    void severalMediaNodesAreComposedOnTheMediaPortAlone() {
        noClasses().that().resideInAPackage("org.lianxin.signaling.nodes")
                .should().dependOnClassesThat().resideInAnyPackage("org.lianxin.signaling.live..",
                        "org.lianxin.signaling.room..", "org.lianxin.signaling.media.internal..", "tools.jackson..")
                .because("MediaNodes is a media engine made of media engines: the live rooms above do not know it")
                .check(classes);
    }

    @Test
    void nothingOutsideAnInternalPackageReachesIntoIt() {
        classes().should(reachInternalPackagesOnlyFromInsideOr(JANUS_FACTORY))
                .because("an internal package is its feature's implementation: only the feature itself uses it"
                        + " (and JanusNode builds the Janus adapter behind the media port)")
                .check(classes);
    }

    @Test
    void onlyTheJanusAdapterTalksToJanus() {
        noClasses().that().resideOutsideOfPackage(JANUS_ADAPTER)
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.websocket.ContainerProvider")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.websocket.WebSocketContainer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.websocket.ClientEndpointConfig")
                .because("the Janus adapter is the only WebSocket client (to Janus)")
                .check(classes);
        noClasses().that().resideOutsideOfPackage(JANUS_ADAPTER)
                .and().doNotHaveFullyQualifiedName("org.lianxin.signaling.protocol.Json")
                .and().doNotHaveFullyQualifiedName("org.lianxin.signaling.live.RoomJoins")
                .should().dependOnClassesThat().resideInAPackage("tools.jackson..")
                .because("only the Janus adapter speaks Janus's JSON; the browser protocol's JSON is in"
                        + " protocol.Json, and RoomJoins (LiveRooms' joins) only reads the room claim of a join token")
                .check(classes);
    }

    @Test
    void thePublicSurfaceIsWhatTheOtherModulesUse() {
        // web wires these (LiveConfiguration, with LiveMediaSettings from its keys; RoomOwners from its room placement;
        // RoomMediaJournal to its room media records), the launcher runs JanusConfig, the testing fixtures use
        // JanusConfig; AccountGate: web's check of a staff token's account at the join (issue 13); AdmissionGate: web's
        // booking written before an admission (issue 14)
        assertThat(publicTopLevel(classes, "org.lianxin.signaling.live")).containsExactly("AccountGate",
                "AdmissionGate", "Connections",
                "JanusConfig", "JanusNode", "LiveMediaSettings", "LiveRooms", "RoomEventListener", "RoomMediaJournal",
                "RoomOwners", "SignalingEndpoint", "WebSocketConnections");
        // JanusNode builds the engine from its settings; the rest of the adapter is package-private
        assertThat(publicTopLevel(classes, "org.lianxin.signaling.media.internal.janus"))
                .containsExactly("JanusMediaEngine", "JanusSettings");
    }

    @Test
    void fixturesForOtherModulesLiveInTheTestingPackageNotInAnInternalOne() {
        classes().that().resideInAPackage("..internal..").should().notBePublic()
                .because("a test class others use is a fixture: it belongs in org.lianxin.signaling.testing")
                .check(tests);
    }

    private static Set<String> publicTopLevel(JavaClasses in, String packageName) {
        Set<String> names = new TreeSet<>();
        for (JavaClass c : in) {
            if (c.getPackageName().equals(packageName) && c.isTopLevelClass()
                    && c.getModifiers().contains(JavaModifier.PUBLIC)) {
                names.add(c.getSimpleName());
            }
        }
        return names;
    }

    /** Every dependency on a class in {@code x.internal..} comes from {@code x.internal..} itself or an allowed class. */
    private static ArchCondition<JavaClass> reachInternalPackagesOnlyFromInsideOr(String allowed) {
        return new ArchCondition<>("reach an internal package only from inside it") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    int at = (target + ".").indexOf(".internal.");
                    if (at < 0 || !target.startsWith("org.lianxin.signaling.")) {
                        continue;
                    }
                    String internal = target.substring(0, at + ".internal".length());
                    String from = origin.getPackageName();
                    boolean inside = from.equals(internal) || from.startsWith(internal + ".");
                    boolean factory = origin.getName().equals(allowed) || origin.getName().startsWith(allowed + "$");
                    if (!inside && !factory) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
