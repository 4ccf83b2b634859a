package org.lianxin.web.recording.api;

import org.lianxin.evaluation.ThirdPartyEvaluation;
import org.lianxin.recording.Recording;
import org.lianxin.recording.RecordingCatalog;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Consultation;
import org.lianxin.scheduler.Consultations;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.Role;
import org.springframework.stereotype.Component;

/**
 * Who may see and manage a recording.
 * <ul>
 * <li>See (list, details, manifest, media, links): any logged-in user whose office subtree holds the
 * recording's office (the terminal's office for a reception, the host's office for a consultation); for a
 * consultation also its host and invited officials wherever their office is. Anyone else gets 404: the
 * recording's existence is not confirmed, as for bookings.</li>
 * <li>Manage (legal hold, release, delete, re-compose, access audit): ADMIN and REVIEWER users who see it,
 * i.e. at the recording's office or above. Others who see it get 403 {@code recording-manager-only}.</li>
 * <li>An evaluator of the third-party evaluation sees (plays back) exactly the recordings of the matters they were
 * drawn for ({@link ThirdPartyEvaluation#mayViewRecording}), and manages none; their viewings are audited like
 * everyone's.</li>
 * </ul>
 */
@Component
class RecordingAccess {
    private final RecordingCatalog catalog;
    private final Offices offices;
    private final Consultations consultations;
    private final ThirdPartyEvaluation evaluation;

    RecordingAccess(RecordingCatalog catalog, Offices offices, Consultations consultations,
                    ThirdPartyEvaluation evaluation) {
        this.catalog = catalog;
        this.offices = offices;
        this.consultations = consultations;
        this.evaluation = evaluation;
    }

    /** The recording if the actor may see it, else 404 {@code recording-not-found}. */
    Recording visible(Actor actor, long id) {
        Recording r = catalog.find(id).orElseThrow(() -> new NotFound("recording", id));
        if (!sees(actor, r)) {
            throw new NotFound("recording", id); // do not confirm that it exists
        }
        return r;
    }

    /** The recording if the actor may see and manage it: 404 if not seen, 403 if seen but not a manager. */
    Recording managed(Actor actor, long id) {
        Recording r = visible(actor, id);
        if (!actor.may(Role.ADMIN, Role.REVIEWER) || !inSubtree(actor, r.officeId())) {
            throw new OutOfJurisdiction("recording-manager-only",
                    "only administrators and reviewers at the recording's office or above may do this");
        }
        return r;
    }

    boolean sees(Actor actor, Recording r) {
        if (!actor.role().isStaff()) { // an evaluator's account has an office (its pool's) but no jurisdiction
            return evaluation.mayViewRecording(actor.username(), r.id());
        }
        if (inSubtree(actor, r.officeId())) {
            return true;
        }
        if (r.kind() == Recording.Kind.CONSULTATION && r.consultationId() != null && actor.officialId() != null) {
            try {
                Consultation c = consultations.get(actor, r.consultationId());
                return c.involves(actor.officialId());
            } catch (NotFound e) {
                return false;
            }
        }
        return evaluation.mayViewRecording(actor.username(), r.id());
    }

    boolean inSubtree(Actor actor, long officeId) {
        if (!actor.role().isStaff()) return false;
        try {
            return offices.get(actor.officeId()).contains(offices.get(officeId));
        } catch (NotFound e) {
            return false;
        }
    }
}
