package org.lianxin.web.reception;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.InvitationState;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.signaling.token.AccountBinding;
import org.lianxin.signaling.token.Role;
import org.lianxin.web.live.JoinTickets;
import org.lianxin.web.live.JoinTickets.JoinTicket;
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.live.SignalingProperties;
import org.lianxin.web.security.LianxinUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may join a booking's live room, with which role, and when: the room opens
 * {@code room-opens-before} (15 min) before the start and is created on the first token asked for.
 */
@Component
class BookingJoinTokens {
    private static final Logger log = LoggerFactory.getLogger(BookingJoinTokens.class);

    private final Bookings bookings;
    private final Officials officials;
    private final JoinTickets tickets;
    private final Clock clock;
    private final Duration opensBefore;

    BookingJoinTokens(Bookings bookings, Officials officials, JoinTickets tickets, Clock clock,
                      SignalingProperties props) {
        this.bookings = bookings;
        this.officials = officials;
        this.tickets = tickets;
        this.clock = clock;
        this.opensBefore = props.roomOpensBefore();
    }

    JoinTicket joinToken(LianxinUser user, long bookingId, URI wsUrl) {
        Actor actor = user.actor();
        Booking b = bookings.get(actor, bookingId); // 404 when the caller may not see it
        Role role = roleOf(actor, b);
        if (!b.state().active()) {
            throw new RuleViolation("booking-not-active", "the session is " + b.state());
        }
        if (role == Role.PETITIONER && b.state() == BookingState.BOOKED) {
            throw new RuleViolation("not-checked-in", "check the petitioner's identity at the terminal first");
        }
        Instant now = clock.instant();
        Instant opens = b.start().minus(opensBefore);
        if (now.isBefore(opens)) {
            throw new RuleViolation("room-not-open", "the room opens at " + opens + ", "
                    + opensBefore.toMinutes() + " minutes before the session",
                    Map.of("minutes", opensBefore.toMinutes(), "opensAt", opens.toString()));
        }
        String participantId;
        String displayName;
        switch (role) {
            case PETITIONER -> {
                participantId = "petitioner";
                displayName = "信访人";
            }
            case HOST, OFFICIAL -> {
                participantId = "official-" + actor.officialId();
                displayName = officials.get(actor.officialId()).name();
            }
            default -> {
                participantId = "staff-" + user.id();
                displayName = user.displayName();
            }
        }
        // a staff member's token is theirs (closed when their account changes); the petitioner's is the terminal's
        AccountBinding account = role == Role.PETITIONER ? null : new AccountBinding(user.id(), user.securityStamp());
        JoinTicket ticket = tickets.issue(RoomSubject.reception(bookingId), role, participantId, displayName, wsUrl,
                account);
        log.info("booking {}: join token for {} as {} in room {}", bookingId, actor.username(), role, ticket.roomId());
        return ticket;
    }

    /**
     * The role of the caller: the booking's own leader hosts; an invited official (pending or
     * accepted) joins as OFFICIAL; county staff of the terminal's office join for the terminal, as
     * PETITIONER; reviewers and administrators in jurisdiction observe. Anyone else is refused.
     */
    static Role roleOf(Actor actor, Booking b) {
        if (actor.officialId() != null && actor.may(org.lianxin.scheduler.Role.LEADER, org.lianxin.scheduler.Role.OFFICIAL)) {
            if (actor.officialId() == b.officialId()) {
                return Role.HOST;
            }
            boolean invited = b.invitations().stream().anyMatch(i -> i.officialId() == actor.officialId()
                    && (i.state() == InvitationState.PENDING || i.state() == InvitationState.ACCEPTED));
            if (invited) {
                return Role.OFFICIAL;
            }
        }
        // bookings.get() already checked that the staff's subtree holds the terminal
        if (actor.role() == org.lianxin.scheduler.Role.SCHEDULER) {
            return Role.PETITIONER;
        }
        if (actor.may(org.lianxin.scheduler.Role.REVIEWER, org.lianxin.scheduler.Role.ADMIN)) {
            return Role.OBSERVER;
        }
        throw new OutOfJurisdiction(actor.username() + " takes no part in booking " + b.id());
    }
}
