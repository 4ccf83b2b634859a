package org.lianxin.web.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.lianxin.recording.Manifest;

/** The room's timeline as the catalog lists it. */
record RecordingTimeline(List<Manifest.TimelineEntry> entries) {
    /** Types that say a participant's feed is up on the media server. */
    static boolean startsPublishing(String type) {
        return type.equals("PUBLISHING") || type.equals("PUBLISHING_STARTED");
    }

    /** Types after which a participant no longer publishes. */
    static boolean stopsPublishing(String type) {
        return type.equals("STOPPED_PUBLISHING") || type.equals("PUBLISHING_STOPPED") || type.equals("LEFT")
                || type.equals("REMOVED");
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        for (Manifest.TimelineEntry e : entries) {
            b.append("  ").append(e.at()).append(' ').append(e.type()).append(' ').append(e.participantId())
                    .append(' ').append(e.role()).append(' ').append(e.detail()).append('\n');
        }
        return b.toString();
    }

    void assertSortedByTime() {
        assertThat(entries.stream().map(Manifest.TimelineEntry::at).toList()).as("timeline times\n" + describe())
                .isSorted();
    }

    Instant first(String type, String participantId) {
        return entries.stream().filter(e -> e.type().equals(type))
                .filter(e -> participantId == null || participantId.equals(e.participantId()))
                .map(Manifest.TimelineEntry::at).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + (participantId == null ? "" : " of "
                        + participantId) + " in the timeline:\n" + describe()));
    }

    Instant firstPublishing(String participantId) {
        return entries.stream().filter(e -> startsPublishing(e.type()))
                .filter(e -> participantId.equals(e.participantId())).map(Manifest.TimelineEntry::at).findFirst()
                .orElseThrow(() -> new AssertionError("no PUBLISHING of " + participantId + " in the timeline:\n"
                        + describe()));
    }

    /** The participant in the manifest's list whose role is {@code role} (case ignored). */
    String participantOfRole(Manifest m, String role) {
        List<Manifest.Participant> ps = m.participants().stream().filter(p -> role.equalsIgnoreCase(p.role()))
                .toList();
        assertThat(ps).as("participants of role " + role + " in the manifest: " + m.participants()).hasSize(1);
        return ps.get(0).participantId();
    }

    /** How long the participant published between {@code from} and {@code to}, by the timeline's entries. */
    Duration publishedInSession(String participantId, Instant from, Instant to) {
        Duration total = Duration.ZERO;
        Instant since = null;
        for (Manifest.TimelineEntry e : entries) {
            if (!participantId.equals(e.participantId())) continue;
            if (startsPublishing(e.type()) && since == null) {
                since = e.at();
            } else if (stopsPublishing(e.type()) && since != null) {
                total = total.plus(overlap(since, e.at(), from, to));
                since = null;
            }
        }
        if (since != null) total = total.plus(overlap(since, to, from, to));
        return total;
    }

    /**
     * Where the track's media lie against the time its participant published in [{@code from}, {@code to}]: how long
     * after the publishing began its first segment starts, and how long before {@code to} its last ends (wall clock,
     * the manifest's segment times), to tell a head lost from a tail lost.
     */
    String mediaVsPublishing(Manifest m, String trackId, Instant from, Instant to) {
        Manifest.Track track = m.tracks().stream().filter(tr -> tr.trackId().equals(trackId)).findFirst().orElseThrow();
        Instant publishing = firstPublishing(track.participantId());
        Instant start = publishing.isAfter(from) ? publishing : from;
        List<Manifest.Segment> segs = m.segments().stream().filter(s -> s.trackId().equals(trackId))
                .sorted(java.util.Comparator.comparingInt(Manifest.Segment::trackIndex)).toList();
        if (segs.isEmpty()) {
            return "no segments";
        }
        return "media from " + segs.get(0).startedAt() + ", " + Duration.between(start, segs.get(0).startedAt())
                .toMillis() + " ms after publishing in the session began (" + start + "); to "
                + segs.get(segs.size() - 1).endedAt() + ", " + Duration.between(segs.get(segs.size() - 1).endedAt(), to)
                .toMillis() + " ms before " + to + "; track " + track.startedAt() + " .. " + track.endedAt();
    }

    private static Duration overlap(Instant a, Instant b, Instant from, Instant to) {
        Instant s = a.isAfter(from) ? a : from;
        Instant e = b.isBefore(to) ? b : to;
        return e.isAfter(s) ? Duration.between(s, e) : Duration.ZERO;
    }
}
