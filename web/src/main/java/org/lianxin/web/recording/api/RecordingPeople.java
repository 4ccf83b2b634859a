package org.lianxin.web.recording.api;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.lianxin.recording.Recording;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.Bookings;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.web.recording.api.RecordingViews.SessionView;
import org.lianxin.web.recording.api.RecordingViews.TrackView;
import org.lianxin.web.security.LianxinUser;
import org.lianxin.web.security.UserAccounts;
import org.springframework.stereotype.Component;

/**
 * The people a recording names, by name: its participants ({@code official-39} → the official's name,
 * {@code petitioner} → the petitioner of the case as the caller may see it, others as their track was named), the
 * users of its notes and audit (username → display name), and the reception it is of with the petitioner's
 * evaluation. What the caller may not see is left unnamed (the page then says the role).
 */
@Component
class RecordingPeople {
    private final Officials officials;
    private final Cases cases;
    private final Bookings bookings;
    private final UserAccounts users;

    RecordingPeople(Officials officials, Cases cases, Bookings bookings, UserAccounts users) {
        this.officials = officials;
        this.cases = cases;
        this.bookings = bookings;
        this.users = users;
    }

    /** The names of one recording's people for {@code actor}, looked up once each. */
    TimelineFacts.Names names(Actor actor, Recording r, List<TrackView> tracks) {
        Map<String, String> tracked = new HashMap<>();
        for (TrackView t : tracks) {
            if (t.displayName() != null && !t.displayName().isBlank()) tracked.putIfAbsent(t.participantId(),
                    t.displayName());
        }
        Map<String, String> participants = new HashMap<>();
        Map<String, String> usernames = new HashMap<>();
        return TimelineFacts.names(id -> participants.computeIfAbsent(id, p -> participant(actor, r, p, tracked)),
                u -> usernames.computeIfAbsent(u, this::userName));
    }

    /** Display names of the given users (unknown users are left out). */
    Map<String, String> users(Collection<String> usernames) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String u : usernames) {
            if (u == null || out.containsKey(u)) continue;
            String n = TimelineFacts.isSystem(u) ? null : userName(u);
            if (n != null) out.put(u, n);
        }
        return out;
    }

    String userName(String username) {
        if (username == null) return null;
        return users.find(username).map(LianxinUser::displayName).filter(n -> !n.isBlank()).orElse(null);
    }

    /** The reception of a recording with its evaluation, if it is one and the actor may see its booking. */
    SessionView session(Actor actor, Recording r) {
        if (r.bookingId() == null) return null;
        try {
            Booking b = bookings.get(actor, r.bookingId());
            CaseFile c = caseOf(actor, b.caseId());
            return new SessionView(b.id(), b.caseNumber(), c == null ? null : c.subject(),
                    c == null ? null : c.petitionerName(), b.officialName(), b.terminalName(), b.start(), b.end(),
                    b.state().name(), b.satisfactionScore(), b.satisfactionComment());
        } catch (SchedulerException e) {
            return null;
        }
    }

    private String participant(Actor actor, Recording r, String participantId, Map<String, String> tracked) {
        try {
            if (participantId.startsWith("official-")) {
                return officials.get(Long.parseLong(participantId.substring("official-".length()))).name();
            }
            if (participantId.equals("petitioner") && r.caseId() != null) {
                CaseFile c = caseOf(actor, r.caseId());
                if (c != null) return c.petitionerName();
                return null; // the track says 信访人: the page says the role in its language
            }
        } catch (NumberFormatException | SchedulerException e) {
            // no name: the track's, else the role
        }
        String n = tracked.get(participantId);
        return Objects.equals(participantId, "petitioner") ? null : n;
    }

    private CaseFile caseOf(Actor actor, long caseId) {
        try {
            return cases.get(actor, caseId);
        } catch (SchedulerException e) {
            return null;
        }
    }
}
