package org.lianxin.web.live;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.BookingState;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.ConsultationState;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.InvitationState;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.token.JoinGrant;
import org.lianxin.signaling.token.JoinTokens;
import org.lianxin.signaling.token.Role;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.web.security.LianxinUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may join a booking's live room, with which role, and when: the room opens
 * {@code room-opens-before} (15 min) before the start and is created on the first token asked for.
 */
@Component
class LiveSessions {
    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    private final Bookings bookings;
    private final Consultations consultations;
    private final Officials officials;
    private final LiveRooms rooms;
    private final JoinTokens tokens;
    private final Clock clock;
    private final Duration opensBefore;

    LiveSessions(Bookings bookings, Consultations consultations, Officials officials, LiveRooms rooms,
                 JoinTokens tokens, Clock clock, SignalingProperties props) {
        this.bookings = bookings;
        this.consultations = consultations;
        this.officials = officials;
        this.rooms = rooms;
        this.tokens = tokens;
        this.clock = clock;
        this.opensBefore = props.roomOpensBefore();
    }

    /** What a browser needs to join: the token (never logged), the room, the role, where to connect. */
    record JoinTicket(String token, String roomId, Role role, URI wsUrl, Instant expiresAt) {
        @Override
        public String toString() {
            return "JoinTicket[" + roomId + ", " + role + "]";
        }
    }

    static String roomIdOf(long bookingId) {
        return RoomIds.ofBooking(bookingId);
    }

    static String consultationRoomIdOf(long consultationId) {
        return RoomIds.ofConsultation(consultationId);
    }

    /**
     * A token for a consultation's room, opened on the first token asked for: the host joins as
     * HOST, an invited official as OFFICIAL; anyone else (staff who may see it included) is refused.
     * A consultation has no petitioner.
     */
    JoinTicket consultationJoinToken(LianxinUser user, long consultationId, URI wsUrl) {
        Actor actor = user.actor();
        Consultation c = consultations.get(actor, consultationId); // 404 when the caller may not see it
        Role role;
        if (actor.officialId() != null && actor.may(org.lianxin.scheduler.Role.LEADER, org.lianxin.scheduler.Role.OFFICIAL)
                && c.involves(actor.officialId())) {
            role = actor.officialId() == c.hostOfficialId() ? Role.HOST : Role.OFFICIAL;
        } else {
            throw new OutOfJurisdiction("not-consultation-participant",
                    actor.username() + " is neither host nor invitee of consultation " + consultationId);
        }
        if (c.state() != ConsultationState.OPEN) {
            throw new RuleViolation("consultation-ended", "consultation " + consultationId + " has ended");
        }
        if (!rooms.isRunning()) {
            throw new IllegalStateException("live rooms are not running");
        }
        String roomId = consultationRoomIdOf(consultationId);
        SessionRef session = SessionRef.consultation(Long.toString(consultationId));
        rooms.open(roomId, session);
        String token = tokens.issue(new JoinGrant(session, roomId, role, "official-" + actor.officialId(),
                officials.get(actor.officialId()).name()));
        log.info("consultation {}: join token for {} as {} in room {}", consultationId, actor.username(), role, roomId);
        return new JoinTicket(token, roomId, role, wsUrl, clock.instant().plus(tokens.settings().ttl()));
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
                    + opensBefore.toMinutes() + " minutes before the session");
        }
        String roomId = roomIdOf(bookingId);
        if (!rooms.isRunning()) {
            throw new IllegalStateException("live rooms are not running");
        }
        rooms.open(roomId, SessionRef.reception(Long.toString(bookingId)));
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
        String token = tokens.issue(new JoinGrant(SessionRef.reception(Long.toString(bookingId)), roomId, role,
                participantId, displayName));
        log.info("booking {}: join token for {} as {} in room {}", bookingId, actor.username(), role, roomId);
        return new JoinTicket(token, roomId, role, wsUrl, clock.instant().plus(tokens.settings().ttl()));
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
