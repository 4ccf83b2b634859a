package org.lianxin.scheduler;

import java.util.List;

/**
 * Remote consultations. A LEADER or OFFICIAL user with an official record opens one and hosts it; only the host
 * invites (officials of any office, at any level) and ends. A consultation is visible to its host, its invitees
 * and staff whose office subtree holds the host's office; to anyone else it does not exist.
 */
public interface Consultations {
    Consultation open(Actor actor, NewConsultation consultation);

    Consultation invite(Actor actor, long consultationId, long officialId);

    Consultation get(Actor actor, long consultationId);

    /** Consultations the actor's official hosts or is invited to, newest first (empty for users without one). */
    List<Consultation> listMine(Actor actor);

    /**
     * Ends it (idempotent). The host may; so may an ADMIN whose subtree holds the host's office (the system actor,
     * when the live room ended). The first end is told as {@link ScheduleEvent.ConsultationEnded} after commit.
     */
    Consultation end(Actor actor, long consultationId);

    /** The host turns recording on or off while the consultation is open (refused once it ended). */
    Consultation setRecording(Actor actor, long consultationId, boolean recording);
}
