package org.lianxin.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lianxin.signaling.protocol.MediaKind;
import org.lianxin.signaling.protocol.ServerMessage.EndReason;
import org.lianxin.signaling.protocol.ServerMessage.LeaveReason;
import org.lianxin.signaling.token.Role;

/** The visitor of {@link RoomEvent} is exhaustive: one method per event type, each event calls its own. */
class RoomEventTest {
    private static final Instant AT = Instant.parse("2026-12-01T01:00:00Z");

    /** One event of every type. */
    private static final List<RoomEvent> ONE_OF_EACH = List.of(
            new RoomEvent.ParticipantEntered("p", Role.PETITIONER, true, AT),
            new RoomEvent.ParticipantAdmitted("p", Role.PETITIONER, AT),
            new RoomEvent.ParticipantLeft("p", Role.PETITIONER, LeaveReason.LEFT, AT),
            new RoomEvent.SessionEnded(EndReason.HOST, AT),
            new RoomEvent.PublishingStarted("p", Role.PETITIONER, "信访人", AT),
            new RoomEvent.PublishingStopped("p", Role.PETITIONER, AT),
            new RoomEvent.MediaMuted("p", Role.PETITIONER, MediaKind.AUDIO, true, "h", AT),
            new RoomEvent.MediaNodeLost("gone", AT),
            new RoomEvent.MediaNodeRestored(AT),
            new RoomEvent.BadLinkPeriod("p-1", Role.PETITIONER, AT, org.lianxin.signaling.protocol.LinkLevel.BAD, 12.5,
                    340, AT));

    @Test
    void theVisitorHasOneMethodPerEventTypeTakingThatType() {
        Set<String> permitted = Arrays.stream(RoomEvent.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> visited = Arrays.stream(RoomEvent.Visitor.class.getDeclaredMethods())
                .filter(m -> !m.isSynthetic())
                .map(m -> {
                    assertThat(m.getParameterTypes()).as(m.getName()).hasSize(1);
                    assertThat(m.isDefault()).as(m.getName() + " has no default: every listener decides").isFalse();
                    return m.getParameterTypes()[0].getSimpleName();
                }).collect(Collectors.toCollection(TreeSet::new));
        assertThat(visited).isEqualTo(permitted);
        assertThat(ONE_OF_EACH.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet()))
                .as("the test covers every event type").isEqualTo(permitted);
    }

    @Test
    void eachEventCallsTheVisitorMethodForItsOwnTypeWithItself() {
        for (RoomEvent e : ONE_OF_EACH) {
            Object[] seen = new Object[2];
            @SuppressWarnings("unchecked")
            RoomEvent.Visitor<String> v = (RoomEvent.Visitor<String>) Proxy.newProxyInstance(
                    RoomEvent.Visitor.class.getClassLoader(), new Class<?>[] {RoomEvent.Visitor.class},
                    (proxy, method, args) -> {
                        seen[0] = method;
                        seen[1] = args[0];
                        return method.getName();
                    });
            String called = e.accept(v);
            assertThat(((Method) seen[0]).getParameterTypes()[0]).as(called).isEqualTo(e.getClass());
            assertThat(seen[1]).isSameAs(e);
        }
    }
}
