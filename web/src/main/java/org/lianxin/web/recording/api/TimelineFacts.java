package org.lianxin.web.recording.api;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lianxin.recording.Manifest;
import org.lianxin.web.recording.BadLinkNote;
import org.lianxin.web.recording.api.RecordingViews.LinkPeriodView;
import org.lianxin.web.recording.api.RecordingViews.TimelineView;

/**
 * What a timeline entry says, as facts a page can put into a sentence of its language: who (the participant's
 * name), by whom (a user's or participant's name, or the system), which medium, which reason. The recorder writes
 * an entry's detail as a short English note for the log and the manifest ("shown at the terminal, by jj.staff",
 * "audio by official-39", "waiting in the lobby", "by sc.admin", a reason code such as HOST or REMOVED, a bad-link period's end and worst
 * measures: {@link BadLinkNote}); the notes
 * understood here become facts, any other note is {@code note} (shown as data, as written).
 */
final class TimelineFacts {
    private static final Pattern NOTICE_BY = Pattern.compile("shown at the terminal, by (.+)");
    private static final Pattern BY = Pattern.compile("by (.+)");
    private static final Pattern MEDIA_BY = Pattern.compile("(audio|video) by (.+)");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]*");
    private static final String LOBBY = "waiting in the lobby";
    private static final String SETTINGS = "consultation settings";
    /** Entries whose detail is a reason code (LEFT: LEFT/REMOVED/TIMED_OUT; ENDED: HOST/SCHEDULE/SERVER; status). */
    private static final Set<String> REASON_CODED = Set.of("LEFT", "ENDED", "RECORDING_ENDED", "REMOVED");

    /** Names of participants ("official-39", "petitioner", "staff-7") and of users (usernames). */
    interface Names {
        /** The participant's name, null if unknown. */
        String participant(String participantId);

        /** The user's name, null if unknown; {@link #SYSTEM} for the system's own actors. */
        String user(String username);
    }

    /** What {@link Names#user} answers for the system's own actors ("system", "system:live-room"). */
    static final String SYSTEM = "\u0000system";

    private TimelineFacts() {
    }

    static boolean isSystem(String username) {
        return username != null && (username.equals("system") || username.startsWith("system:"));
    }

    static TimelineView of(Manifest.TimelineEntry e, Names names) {
        String name = e.participantId() == null ? null : names.participant(e.participantId());
        String detail = e.detail() == null ? null : e.detail().trim();
        String by = null;
        boolean bySystem = false;
        String media = null;
        String reason = null;
        boolean lobby = false;
        LinkPeriodView link = null;
        if (detail != null && !detail.isEmpty()) {
            Matcher m;
            Optional<BadLinkNote> bad = e.type().equals(BadLinkNote.TYPE) ? BadLinkNote.parse(detail)
                    : Optional.empty();
            if (bad.isPresent()) {
                BadLinkNote n = bad.get();
                link = new LinkPeriodView(n.end(), n.worst().name(), n.lossPercent(), n.rttMs());
                detail = null;
            } else if ((m = NOTICE_BY.matcher(detail)).matches() || (m = BY.matcher(detail)).matches()) {
                String who = m.group(1).trim();
                if (who.equals(SETTINGS)) {
                    reason = "SETTINGS";
                } else {
                    String n = names.user(who);
                    bySystem = SYSTEM.equals(n);
                    by = bySystem ? null : n != null ? n : who;
                }
                detail = null;
            } else if ((m = MEDIA_BY.matcher(detail)).matches()) {
                media = m.group(1);
                by = names.participant(m.group(2).trim());
                detail = null;
            } else if (detail.equals(LOBBY)) {
                lobby = true;
                detail = null;
            } else if (REASON_CODED.contains(e.type()) && CODE.matcher(detail).matches()) {
                reason = detail;
                detail = null;
            }
        } else {
            detail = null;
        }
        return new TimelineView(e.at(), e.type(), e.participantId(), e.role(), e.detail(), name, by, bySystem, media,
                reason, lobby, detail, link);
    }

    /** Names from two look-ups; the system's own actors are {@link #SYSTEM}. */
    static Names names(Function<String, String> participant, Function<String, String> user) {
        return new Names() {
            @Override
            public String participant(String participantId) {
                return participant.apply(participantId);
            }

            @Override
            public String user(String username) {
                return isSystem(username) ? SYSTEM : user.apply(username);
            }
        };
    }
}
