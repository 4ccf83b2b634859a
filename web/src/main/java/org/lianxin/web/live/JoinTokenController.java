package org.lianxin.web.live;

import org.lianxin.web.security.CurrentActor;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Join tokens for a booking's live room. {@code role} is the caller's role in the room (HOST,
 * OFFICIAL, PETITIONER for the terminal's staff, OBSERVER); {@code wsUrl} is the signaling
 * WebSocket, whose first message is {@code {"type":"join","token":...}}.
 */
@RestController
@RequestMapping("/api/v1/bookings")
class JoinTokenController {
    private final LiveSessions sessions;

    JoinTokenController(LiveSessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/{id}/join-token")
    LiveSessions.JoinTicket joinToken(@PathVariable long id) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return sessions.joinToken(CurrentActor.user(), id, LiveConfiguration.wsUrlOf(base));
    }
}
