package org.lianxin.web.live;

import org.lianxin.web.security.CurrentActor;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Join tokens for a consultation's live room ({@code consultation-<id>}): HOST for the host,
 * OFFICIAL for invited officials, 403 for anyone else; the room opens on the first token.
 */
@RestController
@RequestMapping("/api/v1/consultations")
class ConsultationJoinTokenController {
    private final LiveSessions sessions;

    ConsultationJoinTokenController(LiveSessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/{id}/join-token")
    LiveSessions.JoinTicket joinToken(@PathVariable long id) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return sessions.consultationJoinToken(CurrentActor.user(), id, LiveConfiguration.wsUrlOf(base));
    }
}
