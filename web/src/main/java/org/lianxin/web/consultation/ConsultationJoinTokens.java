package org.lianxin.web.consultation;

import java.net.URI;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.ConsultationState;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.signaling.token.AccountBinding;
import org.lianxin.signaling.token.Role;
import org.lianxin.web.live.JoinTickets;
import org.lianxin.web.live.JoinTickets.JoinTicket;
import org.lianxin.web.live.RoomSubject;
import org.lianxin.web.security.LianxinUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who may join a consultation's live room ({@code consultation-<id>}), opened on the first token asked for: the
 * host joins as HOST, an invited official as OFFICIAL; anyone else (staff who may see it included) is refused. A
 * consultation has no petitioner.
 */
@Component
class ConsultationJoinTokens {
    private static final Logger log = LoggerFactory.getLogger(ConsultationJoinTokens.class);

    private final Consultations consultations;
    private final Officials officials;
    private final JoinTickets tickets;

    ConsultationJoinTokens(Consultations consultations, Officials officials, JoinTickets tickets) {
        this.consultations = consultations;
        this.officials = officials;
        this.tickets = tickets;
    }

    JoinTicket joinToken(LianxinUser user, long consultationId, URI wsUrl) {
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
        JoinTicket ticket = tickets.issue(RoomSubject.consultation(consultationId), role,
                "official-" + actor.officialId(), officials.get(actor.officialId()).name(), wsUrl,
                new AccountBinding(user.id(), user.securityStamp()));
        log.info("consultation {}: join token for {} as {} in room {}", consultationId, actor.username(), role,
                ticket.roomId());
        return ticket;
    }
}
