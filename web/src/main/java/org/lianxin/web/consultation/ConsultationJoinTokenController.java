package org.lianxin.web.consultation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.lianxin.web.live.JoinTickets;
import org.lianxin.web.live.JoinTickets.JoinTicket;
import org.lianxin.web.security.CurrentActor;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Join tokens for a consultation's live room ({@code consultation-<id>}): HOST for the host,
 * OFFICIAL for invited officials, 403 for anyone else; the room opens on the first token.
 */
@Tag(name = "Consultations")
@RestController
@RequestMapping("/api/v1/consultations")
class ConsultationJoinTokenController {
    private final ConsultationJoinTokens tokens;

    ConsultationJoinTokenController(ConsultationJoinTokens tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "Issue a short-lived ticket to join the consultation's video room (signalling URL and token)")
    @PostMapping("/{id}/join-token")
    JoinTicket joinToken(@PathVariable long id) {
        return tokens.joinToken(CurrentActor.user(), id, JoinTickets.signalingUrlOfCurrentRequest());
    }
}
