package org.lianxin.web.reception;

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
 * Join tokens for a booking's live room. {@code role} is the caller's role in the room (HOST,
 * OFFICIAL, PETITIONER for the terminal's staff, OBSERVER); {@code wsUrl} is the signaling
 * WebSocket, whose first message is {@code {"type":"join","token":...}}.
 */
@Tag(name = "Receptions")
@RestController
@RequestMapping("/api/v1/bookings")
class BookingJoinTokenController {
    private final BookingJoinTokens tokens;

    BookingJoinTokenController(BookingJoinTokens tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "Issue a short-lived ticket to join the booking's video room (signalling URL and token)")
    @PostMapping("/{id}/join-token")
    JoinTicket joinToken(@PathVariable long id) {
        return tokens.joinToken(CurrentActor.user(), id, JoinTickets.signalingUrlOfCurrentRequest());
    }
}
