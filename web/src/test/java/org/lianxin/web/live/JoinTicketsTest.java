package org.lianxin.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The join ticket's URL names the room and its owner, what HAProxy routes by (deploy/haproxy/haproxy.cfg). */
class JoinTicketsTest {
    @Test
    void theUrlNamesTheRoomAndItsOwner() {
        assertThat(JoinTickets.routed(URI.create("wss://lx.example/ws/signaling"), "booking-7", "app2"))
                .isEqualTo(URI.create("wss://lx.example/ws/signaling?room=booking-7&node=app2"));
    }

    @Test
    void anOwnerWithoutANameLeavesTheRoomOnlyAndAnOldQueryIsReplaced() {
        assertThat(JoinTickets.routed(URI.create("ws://localhost:8080/ws/signaling?room=x&node=y"), "consultation-3",
                null)).isEqualTo(URI.create("ws://localhost:8080/ws/signaling?room=consultation-3"));
    }

    @Test
    void namesAreEncoded() {
        assertThat(JoinTickets.routed(URI.create("ws://h/ws/signaling"), "booking-1", "app 1&x").toString())
                .isEqualTo("ws://h/ws/signaling?room=booking-1&node=app+1%26x");
    }
}
